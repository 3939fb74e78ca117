package dev.rewire.enrich.boilerplate;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Share buttons and follow/subscribe prompts ("Share this article", "Connect with us", "Follow us on …",
 * "Facebook Twitter Email"). They are calls to action aimed at the reader, printed by the page template
 * next to every article, so a short line made only of them is never article text.
 */
public final class SocialCallToActionRule implements BoilerplateRule {

    public static final String NAME = "social-call-to-action";

    private static final int MAX_WORDS = 8;

    private static final Pattern PROMPT = Pattern.compile(
            "(share|share (this|the) (article|story|post|page)|share (on|via) .+|share this|sharing is caring"
                    + "|connect with us|follow us|follow us on .+|find us on .+|like us on .+"
                    + "|subscribe|subscribe (to|for) .+|sign up|sign up (to|for) .+|join our newsletter"
                    + "|get our newsletter|copy link|email this|send by email|click to share on .+)");

    /** Names of sharing targets; a line made only of these (and separators) is a row of share buttons. */
    private static final Set<String> TARGETS = Set.of(
            "share", "facebook", "twitter", "x", "email", "e-mail", "mail", "whatsapp", "telegram", "linkedin",
            "pinterest", "reddit", "tumblr", "messenger", "print", "copy", "link", "threads", "bluesky",
            "mastodon", "flipboard", "sms", "tweet");

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
        if (words > MAX_WORDS) {
            return false;
        }
        String key = lower != null ? Lines.keyOfLower(lower) : Lines.key(line);
        if (PROMPT.matcher(key).matches()) {
            return true;
        }
        // The tokens between [\\s|•·/,]+ must all be sharing targets, at least two: a hand-written split.
        String k = key.toLowerCase(Locale.ROOT);
        int named = 0;
        int start = -1;
        for (int i = 0; i <= k.length(); i++) {
            boolean sep = i == k.length() || isSeparator(k.charAt(i));
            if (!sep && start < 0) {
                start = i;
            } else if (sep && start >= 0) {
                if (!TARGETS.contains(k.substring(start, i))) {
                    return false;
                }
                named++;
                start = -1;
            }
        }
        return named >= 2;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r'
                || c == '|' || c == '•' || c == '·' || c == '/' || c == ',';
    }
}
