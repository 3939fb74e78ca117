package dev.rewire.deploy.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores a predicted story grouping against gold clusters: B-cubed precision/recall/F1 (per article, the
 * share of its predicted story that is in its gold story and vice versa, averaged over articles) and
 * pairwise precision/recall/F1 over same-story pairs. An article without a prediction is a singleton.
 * Also lists the worst merges (predicted stories mixing gold stories) and splits (gold stories spread over
 * predicted ones), which is where to look when the score drops.
 */
public final class StoryScore {

    /** The scores and the diagnostics. */
    public record Result(double bcubedF1, double bcubedP, double bcubedR, double pairF1, double pairP, double pairR,
                         int articles, int missing, int predictedStories, int goldStories,
                         List<String> worstMerges, List<String> worstSplits) {

        /** One line, like the reference scorer's. */
        public String summary() {
            return String.format(Locale.ROOT, "bcubed f1=%.4f p=%.4f r=%.4f pairwise f1=%.4f p=%.4f r=%.4f articles=%d missing=%d "
                            + "predicted_stories=%d gold_stories=%d", bcubedF1, bcubedP, bcubedR, pairF1, pairP, pairR,
                    articles, missing, predictedStories, goldStories);
        }
    }

    private StoryScore() {
    }

    /**
     * @param gold      URL → gold cluster, in truth order (at least one; every cluster named)
     * @param predicted URL → predicted story id (missing or null: a singleton)
     */
    public static Result score(Map<String, String> gold, Map<String, String> predicted) {
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("the truth has no articles to score");
        }
        gold.forEach((url, cluster) -> {
            if (cluster == null || cluster.isBlank()) {
                throw new IllegalArgumentException("the truth gives no cluster for " + url);
            }
        });
        Map<String, String> pred = new LinkedHashMap<>();
        int missing = 0;
        for (String url : gold.keySet()) {
            String p = predicted.get(url);
            if (p == null) {
                missing++;
                p = "missing:" + url;
            }
            pred.put(url, p);
        }
        Map<String, Set<String>> pc = groups(pred);
        Map<String, Set<String>> gc = groups(gold);
        double bp = 0;
        double br = 0;
        for (String url : gold.keySet()) {
            Set<String> ps = pc.get(pred.get(url));
            Set<String> gs = gc.get(gold.get(url));
            long both = ps.stream().filter(gs::contains).count();
            bp += (double) both / ps.size();
            br += (double) both / gs.size();
        }
        int n = gold.size();
        bp /= n;
        br /= n;
        double bf = bp + br == 0 ? 0 : 2 * bp * br / (bp + br);
        long tp = 0;
        for (Set<String> members : pc.values()) {
            Map<String, Integer> counts = new HashMap<>();
            members.forEach(u -> counts.merge(gold.get(u), 1, Integer::sum));
            for (int c : counts.values()) {
                tp += (long) c * (c - 1) / 2;
            }
        }
        long npred = pairs(pc);
        long ngold = pairs(gc);
        double pp = npred == 0 ? 1.0 : (double) tp / npred;
        double pr = ngold == 0 ? 1.0 : (double) tp / ngold;
        double pf = pp + pr == 0 ? 0 : 2 * pp * pr / (pp + pr);
        return new Result(bf, bp, br, pf, pp, pr, n, missing, pc.size(), gc.size(),
                describe(pc, gold, "predicted story"), describe(gc, pred, "gold story"));
    }

    /**
     * Groups of {@code outer} that mix several groups of {@code inner}, worst first: ranked by their pairs of
     * articles from different inner groups (a merge's wrong pairs, a split's separated pairs: what the pairwise
     * scores count), so a story of 13 and 10 comes before one of 22 with a single intruder. Described briefly.
     */
    private static List<String> describe(Map<String, Set<String>> outer, Map<String, String> inner, String what) {
        record Mixed(String id, int size, long crossPairs, List<Map.Entry<String, Integer>> parts) {
        }
        List<Mixed> mixed = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : outer.entrySet()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            e.getValue().forEach(u -> counts.merge(inner.get(u), 1, Integer::sum));
            if (counts.size() > 1) {
                int n = e.getValue().size();
                long cross = (long) n * (n - 1) / 2;
                for (int c : counts.values()) {
                    cross -= (long) c * (c - 1) / 2;
                }
                List<Map.Entry<String, Integer>> parts = new ArrayList<>(counts.entrySet());
                parts.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
                mixed.add(new Mixed(e.getKey(), n, cross, parts));
            }
        }
        mixed.sort(Comparator.comparingLong(Mixed::crossPairs).reversed().thenComparing(Mixed::id));
        List<String> out = new ArrayList<>();
        for (Mixed m : mixed.subList(0, Math.min(5, mixed.size()))) {
            String top = m.parts().stream().limit(4).map(p -> p.getKey() + "×" + p.getValue())
                    .reduce((a, b) -> a + ", " + b).orElse("");
            out.add(String.format("%s %s: %d articles in %d parts, %d pairs across them (%s%s)", what, m.id(),
                    m.size(), m.parts().size(), m.crossPairs(), top, m.parts().size() > 4 ? ", …" : ""));
        }
        return out;
    }

    private static Map<String, Set<String>> groups(Map<String, String> assignment) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        assignment.forEach((url, g) -> out.computeIfAbsent(g, k -> new HashSet<>()).add(url));
        return out;
    }

    private static long pairs(Map<String, Set<String>> groups) {
        long n = 0;
        for (Set<String> g : groups.values()) {
            n += (long) g.size() * (g.size() - 1) / 2;
        }
        return n;
    }
}
