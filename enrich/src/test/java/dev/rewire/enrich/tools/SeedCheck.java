package dev.rewire.enrich.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rewire.model.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Development tool, not a test: checks a replay output of the seeds against {@code ../shared/seeds/expected.json}
 * (titles, furniture that must go, paragraphs that must stay, no title repeated as the first body line).
 * Prints one line per seed and exits 1 when a "must" fails.
 *
 * <pre>
 * ./rewire replay ../shared/seeds --out /tmp/s.jsonl
 * java -cp enrich/target/test-classes:enrich/target/classes:$(cat cp) dev.rewire.enrich.tools.SeedCheck /tmp/s.jsonl
 * </pre>
 */
public final class SeedCheck {

    private SeedCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path expectedFile = Path.of(args.length > 1 ? args[1] : "../shared/seeds/expected.json");
        JsonNode expected = Json.mapper().readTree(expectedFile.toFile()).get("files");
        Map<String, JsonNode> byFile = new HashMap<>();
        for (JsonNode article : ExtractionHarness.read(out)) {
            String url = article.path("url").asText("");
            byFile.put(url.substring(url.lastIndexOf('/') + 1), article);
        }
        boolean failed = false;
        for (var it = expected.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode article = byFile.get(e.getKey());
            List<String> problems = new ArrayList<>();
            if (article == null) {
                problems.add("MUST: missing from the output");
            } else {
                String text = article.path("text").asText("");
                String title = article.path("title").isNull() ? null : article.path("title").asText();
                List<String> lines = Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
                JsonNode want = e.getValue();
                if (!want.path("title").isNull() && !want.path("title").asText().equals(title)) {
                    problems.add("MUST: title is " + title);
                }
                want.path("mustRemove").forEach(s -> {
                    if (lines.stream().anyMatch(l -> l.startsWith(s.asText()))) {
                        problems.add("MUST: remove " + s.asText());
                    }
                });
                want.path("shouldRemove").forEach(s -> {
                    if (lines.stream().anyMatch(l -> l.startsWith(s.asText()))) {
                        problems.add("should: remove " + s.asText());
                    }
                });
                want.path("mustKeep").forEach(s -> {
                    if (!text.contains(s.asText())) {
                        problems.add("MUST: keep " + s.asText());
                    }
                });
                if (title != null && !lines.isEmpty() && lines.get(0).strip().equals(title.strip())) {
                    problems.add("MUST: title repeated as the first line");
                }
            }
            failed |= problems.stream().anyMatch(p -> p.startsWith("MUST"));
            System.out.println(e.getKey() + " " + (problems.isEmpty() ? "OK" : problems));
        }
        System.exit(failed ? 1 : 0);
    }
}
