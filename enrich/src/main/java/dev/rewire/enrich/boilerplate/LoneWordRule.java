package dev.rewire.enrich.boilerplate;

import java.util.regex.Pattern;

/**
 * A line holding a single word and nothing else ("Published", "on", a section label such as "Lifestyle",
 * "Trending"). Article text never consists of one bare word on its own line; themes print such labels
 * around the headline and in sidebars, and they survive copy-and-paste of a page as separate lines.
 *
 * <p>Deliberately narrow: letters only (optionally followed by a colon), at most 24 characters, so numbers,
 * dates and short sentences ("Yes.") are left alone.
 */
public final class LoneWordRule implements BoilerplateRule {

    public static final String NAME = "lone-word";
    private static final Pattern LONE_WORD = Pattern.compile("\\p{L}[\\p{L}’'-]{0,23}:?");

    @Override
    public int maxWords() {
        return 4; // "Well-being" counts as two words; the pattern itself allows a single hyphenated word only
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isBoilerplate(String line) {
        return LONE_WORD.matcher(line.strip()).matches();
    }
}
