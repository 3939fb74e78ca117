package dev.rewire.enrich.extract;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Paragraph clean-ups both extractors apply after boilerplate removal. */
final class Paragraphs {

    static final String DUPLICATE_RULE = "duplicate-paragraph";
    static final String TITLE_RULE = "title-repeat";

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Paragraphs() {
    }

    /** Whitespace collapsed to single spaces, trimmed. */
    static String collapse(String text) {
        return text == null ? "" : SPACES.matcher(text.replace('\u00a0', ' ')).replaceAll(" ").strip();
    }

    /** A comparison key: letters and digits only, lower case. */
    static String key(String text) {
        if (text == null) {
            return "";
        }
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return NON_WORD.matcher(n).replaceAll(" ").strip();
    }

    /**
     * Drops a paragraph equal to the one before it, then a first paragraph equal to the title; both are
     * counted in {@code counts}.
     */
    static List<String> tidy(List<String> paragraphs, String title, Map<String, Integer> counts) {
        List<String> out = new ArrayList<>(paragraphs.size());
        String previous = null;
        for (String p : paragraphs) {
            String k = key(p);
            if (k.equals(previous)) {
                counts.merge(DUPLICATE_RULE, 1, Integer::sum);
                continue;
            }
            out.add(p);
            previous = k;
        }
        if (title != null && !out.isEmpty() && key(out.get(0)).equals(key(title)) && !key(title).isEmpty()) {
            out.remove(0);
            counts.merge(TITLE_RULE, 1, Integer::sum);
        }
        return out;
    }
}
