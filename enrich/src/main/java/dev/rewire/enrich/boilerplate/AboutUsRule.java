package dev.rewire.enrich.boilerplate;

import java.util.regex.Pattern;

/**
 * The outlet describing itself ("Our editorial team has decades of experience …", "About us: The Example
 * Herald is an independent …", "We are an independent newsroom …"). Templates put such blurbs under every
 * article; they talk about the publisher and journalism in general, never about the story. A paragraph must
 * open with the self-description and mention reporting, news or journalism, and stay under 90 words.
 */
public final class AboutUsRule implements BoilerplateRule {

    public static final String NAME = "about-us";

    private static final int MAX_WORDS = 90;
    private static final Pattern OPENING = Pattern.compile(
            "(?i)^(about us\\b|about (the|our) (author|authors|newsroom|publication|site|team)\\b"
                    + "|our (editorial|news|newsroom|reporting|editorial and reporting) (team|staff|desk)\\b"
                    + "|our (team of )?(journalists|reporters|editors)\\b|(we are|we're) an? (independent|award-winning|"
                    + "non-?profit|digital)[^.]{0,40}\\b(news|media|publication|newsroom|outlet)\\b).*",
            Pattern.DOTALL);
    private static final Pattern JOURNALISM = Pattern.compile(
            "(?i)\\b(news|newsroom|report|reports|reporting|journalis\\w*|stories|editorial|coverage|facts|readers)\\b");

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
        String s = line.strip();
        return isBoilerplate(s, s.toLowerCase(java.util.Locale.ROOT), Lines.words(s));
    }

    @Override
    public boolean isBoilerplate(String s, String lower, int words) {
        // OPENING starts with "about", "our" or "we": test the start before the regexes.
        if (!(lower.startsWith("about") || lower.startsWith("our") || lower.startsWith("we"))) {
            return false;
        }
        return words <= MAX_WORDS && OPENING.matcher(s).matches() && JOURNALISM.matcher(s).find();
    }
}
