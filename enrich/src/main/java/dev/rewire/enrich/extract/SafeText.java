package dev.rewire.enrich.extract;

/**
 * Makes text safe for every later step: control characters (C0 except tab, line feed and carriage return,
 * DEL, C1 except the next-line break U+0085) removed, form feeds and vertical tabs made spaces, and runs of
 * combining marks cut to {@value #MAX_COMBINING_RUN}; and normalises it (NFKC) only that way ({@link #nfkc}).
 *
 * <p>Exists because both are harmless to a reader and costly to the pipeline: a control character is
 * meaningless in an article yet six bytes in JSON ({@code \u0001}), so a page of them outgrows the record
 * limit; and Unicode normalisation (NFKC, used by the boilerplate rules, the template learner and the story
 * fingerprints) takes time quadratic in the length of a run of combining marks. Unicode's stream-safe text
 * format (UAX #15) allows at most 30 such marks in a row; no writing system needs more. Linear; stateless.
 */
public final class SafeText {

    /** Longest run of combining marks kept (the stream-safe text format's limit). */
    public static final int MAX_COMBINING_RUN = 30;
    /** No character below U+0300 (the combining diacritical marks block) is a combining mark. */
    private static final char FIRST_COMBINING = '\u0300';

    private SafeText() {
    }

    /** {@code s} without control characters and with combining runs cut; {@code s} itself when already safe. */
    public static String of(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char keep = c;
            boolean drop = false;
            if (c == '\f' || c == 0x0b) {
                keep = ' ';  // a form feed or vertical tab separates words: it becomes a space
                run = 0;
            } else if (isControl(c)) {
                drop = true;  // invisible: the marks on either side of it join one run
            } else if (isCombining(c)) {
                run++;
                drop = run > MAX_COMBINING_RUN;
            } else {
                run = 0;
            }
            if ((drop || keep != c) && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null && !drop) {
                out.append(keep);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * NFKC of {@link #of}{@code (s)}: the one way the pipeline normalises text (boilerplate keys, template
     * blocks, story fingerprints), so no caller can hand the normaliser a run it takes quadratic time over.
     */
    public static String nfkc(String s) {
        return s == null ? null : java.text.Normalizer.normalize(of(s), java.text.Normalizer.Form.NFKC);
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f && c != 0x85;
    }

    private static boolean isCombining(char c) {
        if (c < FIRST_COMBINING) {
            return false;  // ASCII and Latin-1 (most of any page): no table look-up
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
