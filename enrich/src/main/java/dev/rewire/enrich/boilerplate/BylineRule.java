package dev.rewire.enrich.boilerplate;

import java.util.regex.Pattern;

/**
 * A byline printed as a line of the body ("By Mirela Okafor", "By Ana Ruiz and Tom Reed · 2 April 2031",
 * "On behalf of Example LLP | Apr 21, 2017 | News"). The byline is metadata; in the text it is a first
 * paragraph that no reader counts as the story. Requires "By" followed by a capitalised name, and a short
 * line, so sentences beginning with "By" ("By noon the road was closed") are kept.
 */
public final class BylineRule implements BoilerplateRule {

    public static final String NAME = "byline";

    private static final int MAX_WORDS = 14;
    private static final String NAME_WORD = "\\p{Lu}[\\p{L}'’.-]*";
    /** "By" + one to four capitalised words (optionally joined by "and"/","), then nothing or a separator. */
    private static final Pattern BYLINE = Pattern.compile(
            "(?i:by|written by|words by|reporting by|on behalf of)\\s+" + NAME_WORD + "(\\s+(" + NAME_WORD
                    + "|(?i:and|&|van|von|de|der|da|del|la|le|bin|al|staff|reporters?|correspondents?|editors?|writers?|desk)|,))*\\s*([|·•,–—-].*)?");

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

    /** BYLINE opens with one of these (lower case): tested before the regex. */
    private static final String[] OPENINGS = {"by", "written by", "words by", "reporting by", "on behalf of"};

    @Override
    public boolean isBoilerplate(String s, String lower, int words) {
        if (words > MAX_WORDS || !Lines.startsWithAny(lower, OPENINGS)) {
            return false;
        }
        if (!BYLINE.matcher(s).matches()) {
            return false;
        }
        // "By Tuesday, the council had agreed …" is a sentence: a byline's name part has no lower-case word
        // before the first separator other than the joining words above, and no full stop at its end.
        return !s.endsWith(".") || s.endsWith(" Jr.") || s.endsWith(" Sr.");
    }
}
