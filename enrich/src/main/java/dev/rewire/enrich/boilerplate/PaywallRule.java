package dev.rewire.enrich.boilerplate;

import java.util.regex.Pattern;

/**
 * Account and paywall prompts ("Already have an account? Log in", "Subscribe to continue reading", "This
 * article is exclusive to subscribers", "Create a free account"). They address the visitor's session, not
 * the story, and appear on every metered page of an outlet.
 */
public final class PaywallRule implements BoilerplateRule {

    public static final String NAME = "paywall-prompt";

    private static final int MAX_WORDS = 20;
    private static final Pattern PROMPT = Pattern.compile(
            "(?i)^\\W*(already (have an account|a subscriber|registered)|(log|sign) ?in( here| now)?\\b|register now"
                    + "|create (a|your) (free )?account|subscribe (now )?to (continue|keep) reading|continue reading( with| for)?"
                    + "|this (article|story|content) is (exclusive|only available|reserved) (to|for)"
                    + "|unlock (this|full|unlimited)|become a (member|subscriber)|you have reached your (free )?(article )?limit"
                    + "|to continue reading|start your free trial|cancel anytime).*");

    @Override
    public int maxWords() {
        return MAX_WORDS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isBoilerplate(String line) {
        return isBoilerplate(line, null, Lines.words(line));
    }

    @Override
    public boolean isBoilerplate(String line, String lower, int words) {
        return words <= MAX_WORDS && PROMPT.matcher(line.strip()).matches();
    }
}
