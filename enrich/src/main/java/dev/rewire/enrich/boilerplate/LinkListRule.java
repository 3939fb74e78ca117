package dev.rewire.enrich.boilerplate;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A row of short items joined by bullets or bars ("• Item one • Item two", "World | Business | Sport"):
 * the text form of a menu, a tag list or a list of source links. Prose does not chain several fragments of
 * at most four words with such separators.
 */
public final class LinkListRule implements BoilerplateRule {

    public static final String NAME = "link-list";

    private static final Pattern SEPARATOR = Pattern.compile("\\s*[•|·▪►»]\\s*");
    private static final int MAX_WORDS_PER_ITEM = 4;

    private static boolean hasTwoSeparators(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            switch (line.charAt(i)) {
                case '•', '|', '·', '▪', '►', '»' -> {
                    if (++n >= 2) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isBoilerplate(String line) {
        if (!hasTwoSeparators(line)) {
            return false; // the regexes below need two separators: most lines have none, so skip them cheaply
        }
        List<String> items = Arrays.stream(SEPARATOR.split(line.strip()))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        long separators = SEPARATOR.matcher(line.strip()).results().count();
        if (separators < 2 || items.size() < 2) {
            return false;
        }
        return items.stream().allMatch(item -> Lines.words(item) <= MAX_WORDS_PER_ITEM);
    }
}
