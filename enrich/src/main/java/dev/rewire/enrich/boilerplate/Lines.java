package dev.rewire.enrich.boilerplate;

import dev.rewire.enrich.extract.Separators;
import java.util.Locale;

/** Small text helpers shared by the rules. */
final class Lines {

    private Lines() {
    }

    /**
     * Number of words in {@code line}: runs of letters and digits, an apostrophe followed by letters staying
     * inside the word ("don't", "O’Neil"). A hand-written scan: every rule asks this of every line.
     */
    static int words(String line) {
        int n = 0;
        boolean inWord = false;
        int len = line.length();
        for (int i = 0; i < len; i++) {
            char c = line.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (!inWord) {
                    n++;
                    inWord = true;
                }
            } else if ((c == '\'' || c == '’') && inWord && i + 1 < len && Character.isLetter(line.charAt(i + 1))) {
                continue; // still the same word
            } else if (!Character.isSurrogate(c)) {
                inWord = false;
            }
        }
        return n;
    }

    /** True when {@code text} contains one of {@code needles}. */
    static boolean containsAny(String text, String[] needles) {
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code text} starts with one of {@code prefixes}. */
    static boolean startsWithAny(String text, String[] prefixes) {
        for (String p : prefixes) {
            if (text.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, whitespace collapsed, trimmed, trailing ":" "." "…" "!" removed. */
    static String key(String line) {
        return keyOfLower(line.toLowerCase(Locale.ROOT));
    }

    /** {@link #key} of a line already lower-cased with {@code Locale.ROOT}; a hand-written scan, no regex. */
    static String keyOfLower(String lower) {
        String s = Separators.collapse(lower, Separators.ASCII_SPACE).trim();
        int end = s.length();
        while (end > 0 && (":.…!»›> ".indexOf(s.charAt(end - 1)) >= 0)) {
            end--;
        }
        return s.substring(0, end);
    }
}
