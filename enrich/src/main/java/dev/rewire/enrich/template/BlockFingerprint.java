package dev.rewire.enrich.template;

import dev.rewire.enrich.extract.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The fingerprint of one block of text, as template learning compares them: letters only, lower case, digits
 * folded to {@code 0} (so "© 2031" and "© 2032", or "3 min read" and "5 min read", are one block), runs of
 * other characters folded to one space; then a 64-bit FNV-1a hash in hex. Stateless and thread-safe.
 */
public final class BlockFingerprint {

    private BlockFingerprint() {
    }

    /** The normalised form a fingerprint is computed from. */
    static String normalise(String block) {
        String n = SafeText.nfkc(block).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        boolean space = true;
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isDigit(cp)) {
                if (out.length() == 0 || out.charAt(out.length() - 1) != '0') {
                    out.append('0'); // a run of digits is one 0: counters and dates of any length fold together
                }
                space = false;
            } else if (Character.isLetter(cp)) {
                out.appendCodePoint(cp);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        return out.toString().strip();
    }

    /** The fingerprint of {@code block}, or null when it has no letters or digits. */
    public static String of(String block) {
        String n = normalise(block);
        if (n.isEmpty()) {
            return null;
        }
        long h = 0xcbf29ce484222325L;
        for (byte b : n.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return Long.toHexString(h);
    }
}
