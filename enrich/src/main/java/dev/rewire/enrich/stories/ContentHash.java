package dev.rewire.enrich.stories;

import dev.rewire.enrich.extract.SafeText;
import dev.rewire.enrich.extract.Separators;
import dev.rewire.model.ArticleIds;
import java.util.Locale;

/**
 * The key of exact-duplicate detection: a SHA-256 of the body text in a normal form that ignores case,
 * punctuation, symbols and whitespace. Syndicated copies differ in exactly those (curly versus straight
 * quotes, re-wrapped lines, a different dash), so they get the same hash while any change of words does
 * not.
 */
public final class ContentHash {

    private ContentHash() {
    }

    /**
     * Lower case (NFKC), every run of punctuation, symbols (Unicode categories P and S) and ASCII whitespace
     * replaced by one space, trimmed. One pass over the code points (it runs over every article's whole
     * body); the same result as replacing {@code [\p{P}\p{S}]+} by a space and then {@code \s+} by a space,
     * which stored hashes were made with.
     */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return Separators.collapse(SafeText.nfkc(text).toLowerCase(Locale.ROOT), ContentHash::separates).strip();
    }

    /** Punctuation, a symbol, or ASCII whitespace (what {@code \s} matches). */
    private static boolean separates(int cp) {
        return cp < 0x80 ? ASCII_SEPARATOR[cp] : ((1 << Character.getType(cp)) & PUNCTUATION_OR_SYMBOL) != 0;
    }

    private static final int PUNCTUATION_OR_SYMBOL = 1 << Character.CONNECTOR_PUNCTUATION
            | 1 << Character.DASH_PUNCTUATION | 1 << Character.START_PUNCTUATION | 1 << Character.END_PUNCTUATION
            | 1 << Character.INITIAL_QUOTE_PUNCTUATION | 1 << Character.FINAL_QUOTE_PUNCTUATION
            | 1 << Character.OTHER_PUNCTUATION | 1 << Character.MATH_SYMBOL | 1 << Character.CURRENCY_SYMBOL
            | 1 << Character.MODIFIER_SYMBOL | 1 << Character.OTHER_SYMBOL;
    /** {@link #separates} of the ASCII code points, computed once (no category look-up for most text). */
    private static final boolean[] ASCII_SEPARATOR = new boolean[0x80];

    static {
        for (int c = 0; c < 0x80; c++) {
            ASCII_SEPARATOR[c] = Separators.ASCII_SPACE.test(c)
                    || ((1 << Character.getType(c)) & PUNCTUATION_OR_SYMBOL) != 0;
        }
    }

    /** SHA-256 hex (64 characters) of {@link #normalise(String)}. */
    public static String of(String text) {
        return ArticleIds.sha256Hex(normalise(text), 32);
    }
}
