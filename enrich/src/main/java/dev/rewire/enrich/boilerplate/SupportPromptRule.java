package dev.rewire.enrich.boilerplate;

import java.util.regex.Pattern;

/**
 * Donation and affiliate small print ("Enjoyed this piece? We need your help to keep publishing.", "Support
 * us on Patreon", "We may earn a commission when you buy through links on this page"). Publishers append it
 * to every post; it is about paying for the site, not about the story. Short lines only; a line that names a
 * donation platform or affiliate links must also address the reader, so that articles about them keep their
 * sentences.
 */
public final class SupportPromptRule implements BoilerplateRule {

    public static final String NAME = "support-prompt";

    private static final int MAX_WORDS = 45;
    /** A prompt opening ("Donate", "Support our journalism", "Enjoyed this?"). */
    private static final Pattern DONATE = Pattern.compile(
            "(?i)^\\W*(please )?(donate|support (us|our|the site)|become a (patron|member|supporter)|help (us|keep)"
                    + "|enjoyed this|liked this|if you (liked|enjoyed) this)\\b.*");
    private static final Pattern PLATFORM = Pattern.compile(
            "(?i).*\\b(patreon|ko-fi|buy me a coffee|we need your (help|support))\\b.*");
    private static final Pattern AFFILIATE = Pattern.compile(
            "(?i).*\\b(affiliate (links?|commission)|we (may )?(earn|receive) (a )?(small )?(commission|compensation)"
                    + "|paid promotion|may contain affiliate|as an amazon associate)\\b.*");
    /**
     * The site speaking to its reader: a prompt says "we", "us", "I", "you" or "this (post|page|site)". A line
     * that names a platform or affiliate links in the third person ("Streamers accept tips via Ko-fi") is
     * about them, and stays.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "(?i).*\\b(we|us|our|i|me|my|you|your|this (post|page|site|article|blog|story|website))\\b.*");

    @Override
    public int maxWords() {
        return MAX_WORDS;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every match of DONATE, PLATFORM or AFFILIATE contains one of these (lower case): a cheap first test. */
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
                && (DONATE.matcher(line).matches()
                        || (PLATFORM.matcher(line).matches() || AFFILIATE.matcher(line).matches())
                                && ADDRESS.matcher(line).matches());
    }
}
