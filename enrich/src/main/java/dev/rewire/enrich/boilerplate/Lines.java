package dev.rewire.enrich.boilerplate;

import java.util.Locale;
import java.util.regex.Pattern;

/** Small text helpers shared by the rules. */
final class Lines {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Lines() {
    }

    /** Number of words (letter/digit runs) in {@code line}. */
    static int words(String line) {
        int n = 0;
        var m = WORD.matcher(line);
        while (m.find()) {
            n++;
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
