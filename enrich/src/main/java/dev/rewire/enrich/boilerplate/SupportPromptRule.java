package dev.rewire.enrich.boilerplate;

import java.util.regex.Pattern;

/**
 * Donation and affiliate small print ("Enjoyed this piece? We need your help to keep publishing.", "Support
 * us on Patreon", "We may earn a commission when you buy through links on this page"). Publishers append it
 * to every post; it is about paying for the site, not about the story. Short lines only.
 */
public final class SupportPromptRule implements BoilerplateRule {

    public static final String NAME = "support-prompt";

    private static final int MAX_WORDS = 45;
    /** A prompt opening ("Donate", "Support our journalism", "Enjoyed this?") or a donation platform's name. */
    private static final Pattern DONATE = Pattern.compile(
            "(?i)(^\\W*(please )?(donate|support (us|our|the site)|become a (patron|member|supporter)|help (us|keep)"
                    + "|enjoyed this|liked this|if you (liked|enjoyed) this)\\b.*)"
                    + "|(.*\\b(patreon|ko-fi|buy me a coffee|we need your (help|support))\\b.*)");
    private static final Pattern AFFILIATE = Pattern.compile(
            "(?i).*\\b(affiliate (links?|commission)|we (may )?(earn|receive) (a )?(small )?(commission|compensation)"
                    + "|paid promotion|may contain affiliate|as an amazon associate)\\b.*");

    @Override
    public int maxWords() {
        return MAX_WORDS;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every match of DONATE or AFFILIATE contains one of these (lower case): a cheap test before the regexes. */
    private static final String[] KEYWORDS = {"donate", "support", "become a", "help", "enjoyed this", "liked this",
        "patreon", "ko-fi", "buy me a coffee", "we need your", "affiliate", "commission", "compensation",
        "paid promotion", "amazon associate"};

    @Override
    public boolean isBoilerplate(String line) {
        return isBoilerplate(line, line.toLowerCase(java.util.Locale.ROOT), Lines.words(line));
    }

    @Override
    public boolean isBoilerplate(String line, String lower, int words) {
        if (!Lines.containsAny(lower, KEYWORDS)) {
            return false;
        }
        return words <= MAX_WORDS
                && (DONATE.matcher(line).matches() || AFFILIATE.matcher(line).matches());
    }
}
