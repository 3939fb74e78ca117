package dev.rewire.bench.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Embeds each article of a Rewire replay output (JSONL of CleanArticle: {@code url}, {@code title},
 * {@code text}) as "title, newline, text" and writes {@code url TAB v1,v2,…} (L2-normalised, 384
 * dimensions) for {@code StoryPairs --embeddings}. Prints the model's load time and the per-article
 * embedding time (median, p90) on one calling thread. The tokenizer cuts each text at 512 tokens.
 *
 * <pre>java -cp … dev.rewire.bench.embeddings.EmbedArticles CLEAN.jsonl OUT.tsv</pre>
 */
public final class EmbedArticles {

    private EmbedArticles() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EmbedArticles CLEAN.jsonl OUT.tsv");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        model.embed("warm-up");
        System.out.printf("model loaded in %.0f ms%n", (System.nanoTime() - t0) / 1e6);

        ObjectMapper json = new ObjectMapper();
        List<String[]> docs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            String title = n.hasNonNull("title") ? n.get("title").asText() : "";
            String text = n.hasNonNull("text") ? n.get("text").asText() : "";
            docs.add(new String[] {n.get("url").asText(), title.isBlank() ? text : title + "\n" + text});
        }
        for (int i = 0; i < Math.min(20, docs.size()); i++) {
            model.embed(docs.get(i)[1]);  // JIT and ONNX Runtime warm-up
        }
        List<Double> millis = new ArrayList<>();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
            for (String[] d : docs) {
                long start = System.nanoTime();
                float[] v = model.embed(d[1]).content().vector();
                millis.add((System.nanoTime() - start) / 1e6);
                StringBuilder sb = new StringBuilder(d[0]).append('\t');
                for (int i = 0; i < v.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(v[i]);
                }
                out.println(sb);
            }
        }
        Collections.sort(millis);
        System.out.printf("%d articles embedded: median %.1f ms, p90 %.1f ms per article%n", millis.size(),
                millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.9)));
    }
}
