package dev.rewire.enrich.stories;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Relation;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline re-run of the story stage over CleanArticle JSONL files (a replay's output), in file order,
 * on in-memory tables: for tuning without a broker. Writes {@code {"url", "storyId", "relation"}} lines.
 *
 * <pre>java -cp … dev.rewire.enrich.stories.StoriesOffline OUT.jsonl [--threshold T] CLEAN.jsonl…</pre>
 */
public final class StoriesOffline {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        StoryParams params = StoryParams.defaults();
        List<CleanArticle> input = new ArrayList<>();
        boolean prewarm = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--prewarm")) {
                prewarm = true;
                continue;
            }
            if (args[i].equals("--candidates")) {
                params = params.withMaxCandidates(Integer.parseInt(args[++i]));
                continue;
            }
            if (args[i].equals("--share")) {
                params = params.withCandidateShare(Double.parseDouble(args[++i]));
                continue;
            }
            if (args[i].equals("--threshold")) {
                params = params.withRewriteThreshold(Double.parseDouble(args[++i]));
                continue;
            }
            for (String line : Files.readAllLines(Path.of(args[i]))) {
                if (!line.isBlank()) {
                    input.add(Json.mapper().readValue(line, CleanArticle.class));
                }
            }
        }
        MapTable df = new MapTable();
        if (prewarm) {  // document frequencies of the whole input first: a stream in its steady state
            StoryAssigner warm = new StoryAssigner(params, df, new MapTable(), new MapTable(), new MapTable(), new MapTable());
            for (CleanArticle a : input) {
                warm.assign(a, Fingerprinter.of(a), a.eventTime().toEpochMilli());
            }
        }
        StoryAssigner assigner = new StoryAssigner(params, df, new MapTable(), new MapTable(),
                new MapTable(), new MapTable());
        Map<Relation, Integer> relations = new EnumMap<>(Relation.class);
        ObjectMapper json = Json.mapper();
        long t0 = System.nanoTime();
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (CleanArticle a : input) {
                StoryAssigner.Decision d = assigner.assign(a, Fingerprinter.of(a), a.eventTime().toEpochMilli());
                relations.merge(d.article().relation(), 1, Integer::sum);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("url", a.url());
                row.put("storyId", d.article().storyId());
                row.put("relation", d.article().relation().wireName());
                row.put("similarity", d.article().similarity());
                if (assigner.lastBest != null && !d.refetch()) {
                    var b = assigner.lastBest;
                    row.put("bestStory", assigner.lastBestStory);
                    row.put("parts", List.of(b.total(), b.centroid(), b.member(), b.names(), b.numbers(), b.protagonists()));
                }
                assigner.lastBest = null;
                w.write(json.writeValueAsString(row));
                w.newLine();
            }
        }
        System.out.printf("%d articles in %.1f ms, relations %s%n", input.size(), (System.nanoTime() - t0) / 1e6, relations);
    }
}
