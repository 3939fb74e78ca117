package dev.rewire.enrich.stories;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Analysis tool: the scoring features of every (article, earlier gold story) pair of a labelled stream,
 * with stories grouped as the truth says (an oracle), so a feature or weighting can be judged on its own,
 * without the cascade of earlier decisions that {@link StoriesOffline} includes. Articles are taken in
 * file order; document frequencies are learned online as in the stage. One CSV line per pair:
 *
 * <pre>
 * articleGold, storyGold, same(0/1), sameTopic(0/1), names, centroid, member, numbers, protagonists,
 * reverseProtagonists, numberCosine, storyMembers, articleNumbers, articleWords, total, articleNames[, embedding]
 * </pre>
 *
 * With {@code --embeddings FILE.tsv} ({@code url TAB v1,v2,…}, as {@code bench/embeddings} writes) a last
 * column holds the cosine of the article's embedding with the story's mean member embedding, to judge
 * whether a sentence-embedding model adds to the scorer.
 *
 * ({@code sameTopic}: the gold labels share the part before the first underscore, as ECB+ topics do.)
 *
 * <pre>java -cp … dev.rewire.enrich.stories.StoryPairs CLEAN.jsonl TRUTH.jsonl OUT.csv [--embeddings FILE.tsv]</pre>
 */
public final class StoryPairs {

    private StoryPairs() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> gold = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (!line.isBlank()) {
                JsonNode n = Json.mapper().readTree(line);
                gold.put(n.get("url").asText(), n.get("cluster").asText());
            }
        }
        Map<String, float[]> embeddings = args.length > 4 && args[3].equals("--embeddings")
                ? readEmbeddings(Path.of(args[4])) : Map.of();
        Map<String, float[]> storyEmbeddings = new HashMap<>();
        long horizon = StoryParams.defaults().horizon().toMillis();
        Map<String, Long> df = new HashMap<>();
        long docs = 0;
        Map<String, StoryState> stories = new LinkedHashMap<>();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(args[2])))) {
            for (String line : Files.readAllLines(Path.of(args[0]))) {
                if (line.isBlank()) {
                    continue;
                }
                CleanArticle a = Json.mapper().readValue(line, CleanArticle.class);
                String g = gold.get(a.url());
                if (g == null) {
                    continue;
                }
                Fingerprint fp = Fingerprinter.of(a);
                docs++;
                for (String t : fp.terms().keySet()) {
                    df.merge(t, 1L, Long::sum);
                }
                long d = docs;
                ArticleVector v = new ArticleVector(fp, t -> Math.log((d + 1.0) / (df.getOrDefault(t, 0L) + 1.0)) + 1.0);
                long t = a.eventTime().toEpochMilli();
                for (Map.Entry<String, StoryState> e : stories.entrySet()) {
                    StoryState s = e.getValue();
                    StoryScorer.Score sc = StoryScorer.score(v, s, t, horizon);
                    double reverse = StoryScorer.cover(v.names.top(StoryScorer.PROTAGONISTS), s.names);
                    w.printf("%s,%s,%d,%d,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%d,%d,%d,%.5f,%d%s%n",
                            g, e.getKey(), e.getKey().equals(g) ? 1 : 0,
                            g.split("_")[0].equals(e.getKey().split("_")[0]) ? 1 : 0,
                            sc.names(), sc.centroid(), sc.member(), sc.numbers(), sc.protagonists(), reverse,
                            v.numbers.cosine(s.numbers), s.memberCount, v.numbers.size(), fp.words(), sc.total(),
                            v.names.size(), embeddings.isEmpty() ? ""
                                    : String.format(",%.5f", cosine(embeddings.get(a.url()), storyEmbeddings.get(e.getKey()))));
                }
                float[] own = embeddings.get(a.url());
                if (own != null) {
                    float[] sum = storyEmbeddings.computeIfAbsent(g, k -> new float[own.length]);
                    for (int i = 0; i < own.length; i++) {
                        sum[i] += own[i];
                    }
                }
                stories.computeIfAbsent(g, k -> StoryState.start(a.id(), a.outlet(), a.title(), t))
                        .add(a.id(), a.outlet(), a.title(), t, fp.minHash(), v);
            }
        }
    }

    private static Map<String, float[]> readEmbeddings(Path tsv) throws java.io.IOException {
        Map<String, float[]> out = new HashMap<>();
        for (String line : Files.readAllLines(tsv)) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String[] parts = line.substring(tab + 1).split(",");
            float[] v = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Float.parseFloat(parts[i]);
            }
            out.put(line.substring(0, tab), v);
        }
        return out;
    }

    /** Cosine of two dense vectors; 0 when either is missing or zero. */
    private static double cosine(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length) {
            return 0;
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
