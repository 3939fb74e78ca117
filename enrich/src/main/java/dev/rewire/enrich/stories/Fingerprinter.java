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

    /** Most distinct terms kept per article (the most frequent); bounds record and index size. */
    public static final int MAX_TERMS = 160;
    /** Title words count this many times: a headline names the story. */
    static final int TITLE_WEIGHT = 2;

    private Fingerprinter() {
    }

    public static Fingerprint of(CleanArticle article) {
        return of(article.title(), article.text());
    }

    public static Fingerprint of(String title, String text) {
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
        Map<String, Integer> terms = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_TERMS)
                .forEach(e -> terms.put(e.getKey(), e.getValue()));
        String all = title == null || title.isBlank() ? text : title + "\n" + text;
        EntityExtractor.Entities entities = EntityExtractor.extract(all);
        return new Fingerprint(ContentHash.of(text), MinHash.of(words), terms, entities.names(),
                new ArrayList<>(entities.numbers()), words.size());
    }
}
