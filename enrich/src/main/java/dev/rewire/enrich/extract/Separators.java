package dev.rewire.enrich.extract;

import java.util.function.IntPredicate;

/**
 * Collapses every run of separator characters in a text to one space, in one pass over its code points.
 * Exists because the normal forms of the pipeline (boilerplate line keys, the exact-copy hash) run over
 * every line and every article, and hand-written scans cost a fraction of the equivalent regular
 * expressions ({@code \s+}, {@code [\p{P}\p{S}]+}). Stateless.
 */
public final class Separators {

    /** ASCII whitespace: what {@code \s} matches in a Java regular expression without Unicode classes. */
    public static final IntPredicate ASCII_SPACE = c -> c == ' ' || c == '\t' || c == '\n' || c == 0x0b
            || c == '\f' || c == '\r';

    private Separators() {
    }

    /**
     * {@code s} with every run of code points that {@code separator} accepts replaced by one space; a run at
     * either end too (callers trim).
     */
    public static String collapse(String s, IntPredicate separator) {
        StringBuilder out = new StringBuilder(s.length());
        boolean gap = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (separator.test(cp)) {
                gap = true;
            } else {
                if (gap) {
                    out.append(' ');
                    gap = false;
                }
                out.appendCodePoint(cp);
            }
        }
        if (gap) {
            out.append(' ');
        }
        return out.toString();
    }
}
