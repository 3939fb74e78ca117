package dev.rewire.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.newsroom.DemoNewsroom;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code rewire demo} runs, end to end: the demo newsroom on localhost, the URL-list ingest, the
 * enrich topology, both sinks, the metrics endpoint, all on an embedded broker and PostgreSQL.
 */
class DemoPipelineIT {

    @Test
    void theNewsroomFlowsThroughEveryStage(@TempDir Path dataDir) throws Exception {
        RewireConfig cfg = RewireConfig.defaults().with(Map.of(
                "rewire.dataDir", dataDir.toString(),
                "ingest.allowPrivateNetworks", "true",
                "ingest.outletFromPathSegment", "true",
                "ingest.pollInterval", "1s",
                "metrics.port", "0"));
        try (DemoNewsroom newsroom = DemoNewsroom.start("127.0.0.1", 0, Clock.systemUTC(), Duration.ZERO);
             PipelineProcess process = PipelineProcess.start(cfg, EnumSet.allOf(PipelineProcess.Stage.class),
                     List.of(newsroom.urlListUri()), line -> { })) {
            int total = newsroom.totalArticles();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            List<String> lines = List.of();
            while (System.nanoTime() < deadline) {
                lines = jsonlLines(dataDir);
                if (lines.size() >= total) {
                    break;
                }
                assertThat(process.failure()).isNull();
                Thread.sleep(250); // polling an external effect (a file written by another consumer)
            }
            assertThat(lines).hasSize(total);
            List<CleanArticle> articles = lines.stream().map(l -> Json.read(l, CleanArticle.class)).toList();
            assertThat(articles).extracting(CleanArticle::outlet).containsAll(
                    newsroom.outlets().stream().map(o -> o.slug()).toList());
            assertThat(articles).extracting(CleanArticle::storyId).doesNotContainNull();
            assertThat(articles).extracting(CleanArticle::relation).doesNotContainNull();
            // Markup-looking text in a title survives as text.
            assertThat(articles).anySatisfy(a -> assertThat(a.title()).contains("<script>alert('x')</script>"));
            assertThat(articles).allSatisfy(a -> assertThat(a.text()).doesNotContain("Share on"));

            String metrics = get(process.metricsUri());
            assertThat(metrics).contains("kafka_stream_").contains("rewire_enrich_clean_total")
                    .contains("jvm_memory_used_bytes").contains("kafka_producer_");
            // Not only the enrich application's clients: the ingest producer and both sinks' consumers.
            assertThat(metrics).contains("client_id=\"rewire-ingest\"")
                    .contains("consumer-rewire-sink-postgres").contains("consumer-rewire-sink-file");
            assertThat(process.statusLine()).startsWith("read " + total);
        }
    }

    /** Every line of the file sink's output: the active file and any rolled ones (the hour may turn mid-test). */
    private static List<String> jsonlLines(Path dir) throws java.io.IOException {
        List<String> out = new java.util.ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("clean.*\\.jsonl")).sorted().toList()) {
                out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
