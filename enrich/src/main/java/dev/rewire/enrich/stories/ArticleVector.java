package dev.rewire.enrich.stories;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * An article's rewrite representation weighted with the stream's current IDF: terms as
 * (1 + ln tf) × idf, names as idf, numbers as a set. Built once per article, compared with many stories.
 */
final class ArticleVector {

    final Map<String, Double> terms = new HashMap<>();
    final Map<String, Double> names = new HashMap<>();
    final Set<String> numbers = new HashSet<>();
    final double termNorm;
    final double nameNorm;
    final int words;

    ArticleVector(Fingerprint fp, ToDoubleFunction<String> idf) {
        double n2 = 0;
        for (Map.Entry<String, Integer> e : fp.terms().entrySet()) {
            double w = (1 + Math.log(e.getValue())) * idf.applyAsDouble(e.getKey());
            terms.put(e.getKey(), w);
            n2 += w * w;
        }
        termNorm = Math.sqrt(n2);
        double m2 = 0;
        for (String name : fp.names().keySet()) {
            String t = Terms.term(name);
            double w = t == null ? 0 : idf.applyAsDouble(t);
            if (w > 0) {
                names.put(name, w);
                m2 += w * w;
            }
        }
        nameNorm = Math.sqrt(m2);
        numbers.addAll(fp.numbers());
        words = fp.words();
    }
}
