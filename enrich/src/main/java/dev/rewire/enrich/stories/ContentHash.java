package dev.rewire.enrich.stories;

import dev.rewire.enrich.extract.SafeText;
import dev.rewire.model.ArticleIds;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key of exact-duplicate detection: a SHA-256 of the body text in a normal form that ignores case,
 * punctuation, symbols and whitespace. Syndicated copies differ in exactly those (curly versus straight
 * quotes, re-wrapped lines, a different dash), so they get the same hash while any change of words does
 * not.
 */
public final class ContentHash {

    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ContentHash() {
    }

    /** Lower case (NFKC), punctuation and symbols replaced by spaces, whitespace collapsed, trimmed. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String n = SafeText.nfkc(text).toLowerCase(Locale.ROOT);
        n = PUNCTUATION.matcher(n).replaceAll(" ");
        return SPACES.matcher(n).replaceAll(" ").strip();
    }

    /** SHA-256 hex (64 characters) of {@link #normalise(String)}. */
    public static String of(String text) {
        return ArticleIds.sha256Hex(normalise(text), 32);
    }
}
