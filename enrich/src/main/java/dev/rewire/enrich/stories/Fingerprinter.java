package dev.rewire.enrich.stories;

import dev.rewire.model.CleanArticle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes an article's {@link Fingerprint}: the per-article, stateless (and so scalable) half of story
 * assignment. Thread-safe.
 */
public final class Fingerprinter {

    /**
     * Most distinct terms kept per article (the most frequent); bounds record and index size, and the
     * document-frequency reads and writes per article, the largest part of the stage's cost on a state
     * store. 100 instead of 160: ecbplus-dev B-cubed F1 0.9286 → 0.9288 (80 gives 0.9286), and a third
     * fewer store reads for long articles.
     */
    public static final int MAX_TERMS = 100;
    /** Most distinct names kept per article (the most frequent). */
    public static final int MAX_NAMES = 80;
    /** Most numbers kept per article (the first in the text). */
    public static final int MAX_NUMBERS = 64;
    /**
     * Characters of the body that are fingerprinted (cut at a word boundary): about 5,000 words, longer than
     * almost any news article, so a 5 MB text costs what its first 30 KB cost. What tells a story apart is
     * in its first paragraphs; the exact-copy hash alone reads the whole body (linear and cheap).
     */
    public static final int MAX_TEXT_CHARS = 30_000;
    /** Title characters fingerprinted. */
    static final int MAX_TITLE_CHARS = 1_000;
    /** Title words count this many times: a headline names the story. */
    static final int TITLE_WEIGHT = 2;

    /**
     * The lede: the body's first characters (cut at a word), whose terms and names count twice. News is
     * written as an inverted pyramid: the opening sentences tell the event (who, what, where), the rest
     * adds background, often about earlier events of the same kind, which is what confuses two stories of
     * one topic.
     */
    static final int LEDE_CHARS = 600;

    private Fingerprinter() {
    }

    public static Fingerprint of(CleanArticle article) {
        return of(article.title(), article.text());
    }

    public static Fingerprint of(String fullTitle, String fullText) {
        String text = prefix(fullText, MAX_TEXT_CHARS);
        String title = prefix(fullTitle, MAX_TITLE_CHARS);
        List<String> words = Terms.words(text);
        Map<String, Integer> counts = new HashMap<>();
        for (String w : words) {
            String t = Terms.term(w);
            if (t != null) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        // The title often opens the body too; counting it again still marks its words as the headline's.
        for (String w : Terms.words(title)) {
            String t = Terms.term(w);
            if (t != null) {
                counts.merge(t, TITLE_WEIGHT, Integer::sum);
            }
        }
        String lede = text == null ? "" : prefix(text, LEDE_CHARS);
        for (String w : Terms.words(lede)) {
            String t = Terms.term(w);
            if (t != null) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        Map<String, Integer> terms = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_TERMS)
                .forEach(e -> terms.put(e.getKey(), e.getValue()));
        String all = title == null || title.isBlank() ? text : title + "\n" + text;
        EntityExtractor.Entities entities = EntityExtractor.extract(all);
        if (!lede.isEmpty()) {
            for (Map.Entry<String, Integer> e : EntityExtractor.extract(lede).names().entrySet()) {
                entities.names().merge(e.getKey(), e.getValue(), Integer::sum);
            }
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        entities.names().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_NAMES)
                .forEach(e -> names.put(e.getKey(), e.getValue()));
        List<String> numbers = entities.numbers().stream().limit(MAX_NUMBERS).toList();
        return new Fingerprint(ContentHash.of(fullText), MinHash.of(words), terms, names,
                new ArrayList<>(numbers), words.size());
    }

    /**
     * The fallback when {@link #of} fails on a text: the exact-copy hash alone (no shingles, terms, names or
     * numbers), so the article can still be recognised as a verbatim copy and otherwise starts a story.
     */
    public static Fingerprint exactOnly(CleanArticle article) {
        String hash;
        try {
            hash = ContentHash.of(article.text());
        } catch (RuntimeException | StackOverflowError e) {
            hash = "id:" + article.id();  // matches nothing else: a story of its own
        }
        return new Fingerprint(hash, null, null, null, null, 0);
    }

    /** The first {@code max} characters of {@code s}, cut back to the last whitespace (a word boundary). */
    static String prefix(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int cut = max;
        while (cut > max / 2 && !Character.isWhitespace(s.charAt(cut))) {
            cut--;
        }
        if (cut == max / 2 || Character.isLowSurrogate(s.charAt(cut))) {
            cut = Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
        }
        return s.substring(0, cut);
    }
}
