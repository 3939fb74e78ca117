package dev.rewire.enrich.stories;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * An article's rewrite representation weighted with the stream's current IDF: terms as √tf × idf, names
 * as tf × idf (names an article repeats are its protagonists, the surest sign of which event it tells),
 * numbers as a set (with a unit: weight 2). Built once per article,
 * compared with many stories.
 */
final class ArticleVector {

    /** Term → weight, strongest first: the look-up keys of the inverted index. */
    final List<Map.Entry<String, Double>> ranked;
    final TermVector terms;
    final TermVector names;
    final TermVector numbers;
    final int words;

    ArticleVector(Fingerprint fp, ToDoubleFunction<String> idf) {
        Map<String, Double> t = new HashMap<>();
        for (Map.Entry<String, Integer> e : fp.terms().entrySet()) {
            t.put(e.getKey(), Math.sqrt(e.getValue()) * idf.applyAsDouble(e.getKey()));
        }
        ranked = new ArrayList<>(t.entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        terms = TermVector.of(t);
        Map<String, Double> n = new HashMap<>();
        for (Map.Entry<String, Integer> e : fp.names().entrySet()) {
            String term = Terms.term(e.getKey());
            if (term != null) {
                // Names an article repeats are its protagonists: they weigh more than passing mentions.
                n.put(e.getKey(), e.getValue() * idf.applyAsDouble(term));
            }
        }
        names = TermVector.of(n);
        Map<String, Double> u = new HashMap<>();
        for (String number : fp.numbers()) {
            u.put(number, number.indexOf(' ') > 0 ? 2.0 : 1.0);
        }
        numbers = TermVector.of(u);
        words = fp.words();
    }
}
