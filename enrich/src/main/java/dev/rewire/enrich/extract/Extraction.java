package dev.rewire.enrich.extract;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What an extractor found in one input: the fields a {@code CleanArticle} is built from. Exists so that
 * extractors stay free of Kafka and of the contract's story fields, and can be tested on their own.
 *
 * @param title        the headline, or null when none was found
 * @param canonicalUrl the URL the article id is derived from (never null for a valid input)
 * @param byline       the author(s), or null
 * @param publishedAt  publication time, or null
 * @param language     two-letter language code, or null
 * @param paragraphs   the body's paragraphs in order, without boilerplate
 * @param boilerplate  what was removed: counts per rule name
 * @param siteName     the outlet's own name ({@code og:site_name}, JSON-LD publisher), or null
 */
public record Extraction(
        String title,
        String canonicalUrl,
        String byline,
        Instant publishedAt,
        String language,
        List<String> paragraphs,
        Map<String, Integer> boilerplate,
        String siteName) {

    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    /** Without a site name. */
    public Extraction(String title, String canonicalUrl, String byline, Instant publishedAt, String language,
                      List<String> paragraphs, Map<String, Integer> boilerplate) {
        this(title, canonicalUrl, byline, publishedAt, language, paragraphs, boilerplate, null);
    }

    public Extraction {
        paragraphs = List.copyOf(paragraphs);
        boilerplate = Collections.unmodifiableMap(new TreeMap<>(boilerplate)); // stable JSON order
    }

    /** The body: paragraphs separated by one blank line. */
    public String text() {
        return String.join("\n\n", paragraphs);
    }

    /** Number of {@code \w+} tokens of the body (Unicode-aware). */
    public int wordCount() {
        return countWords(text());
    }

    /** Number of {@code \w+} tokens (Unicode-aware) in {@code text}. */
    public static int countWords(String text) {
        return countWords(text, Integer.MAX_VALUE);
    }

    /** {@link #countWords(String)}, but stops counting at {@code limit}: for "at least n words" tests. */
    public static int countWords(String text, int limit) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        // A hand-written scan equal to counting the matches of WORD (\\w+ with UNICODE_CHARACTER_CLASS): it runs
        // on every page several times, and the stream of match results cost more than the rule chain.
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean word = cp < 0x80 ? (cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9'
                    || cp == '_') : isWordChar(cp);
            if (word && !inWord && ++n >= limit) {
                return n;
            }
            inWord = word;
        }
        return n;
    }

    /** {@code \\w} under {@code UNICODE_CHARACTER_CLASS}: alphabetic, marks, decimal digits, connectors, joiners. */
    private static boolean isWordChar(int cp) {
        if (Character.isLetter(cp) || Character.isAlphabetic(cp) || Character.isDigit(cp) || cp == 0x200C || cp == 0x200D) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.CONNECTOR_PUNCTUATION;
    }
}
