package dev.rewire.enrich.boilerplate;

import java.util.Locale;
import java.util.regex.Pattern;

/** Small text helpers shared by the rules. */
final class Lines {

    private static final Pattern SPACES = Pattern.compile("\\s+");

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

    /** Lower case, whitespace collapsed, trimmed, trailing ":" "." "…" "!" removed. */
    static String key(String line) {
        String s = SPACES.matcher(line.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
        int end = s.length();
        while (end > 0 && (":.…!»›> ".indexOf(s.charAt(end - 1)) >= 0)) {
            end--;
        }
        return s.substring(0, end);
    }
}
