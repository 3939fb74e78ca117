package dev.rewire.sink;

import dev.rewire.model.CleanArticle;
import dev.rewire.model.Relation;
import dev.rewire.sink.postgres.Migrations;
import dev.rewire.sink.postgres.PostgresSinkBench;
import dev.rewire.sink.web.WebConfig;
import dev.rewire.sink.web.WebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of docs/benchmarks.md, "Sink and feed (issue 6)". Not part of the normal build: run with
 * <pre>
 * mvn -B -o -pl sink test -Dtest=SinkFeedBenchmark -Drewire.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (options: {@code -Drewire.bench.articles=20000 -Drewire.bench.seconds=20}). Prints one line per figure.
 */
@EnabledIfSystemProperty(named = "rewire.bench", matches = "true")
class SinkFeedBenchmark {

    @TempDir
    Path tmp;

    @Test
    void sinkThroughputAndFeedLatency() throws Exception {
        int n = Integer.getInteger("rewire.bench.articles", 20_000);
        int seconds = Integer.getInteger("rewire.bench.seconds", 20);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg"))
                .setCleanDataDirectory(true).setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .start()) {
            var db = pg.getPostgresDatabase();
            Migrations.migrate(db);
            List<CleanArticle> articles = articles(n);

            // 1. Sink throughput: the PostgreSQL sink's whole loop (parse JSON, upsert articles, rewrites,
            //    derived tables and offsets in one transaction per batch of 500), fed by a MockConsumer.
            List<Double> rates = new ArrayList<>();
            for (int run = 0; run < 3; run++) {
                try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                    st.execute("TRUNCATE articles, stories, rewrites, story_feed, outlets, sink_offsets");
                }
                double seconds1 = PostgresSinkBench.run(db, articles, 500);
                rates.add(n / seconds1);
                System.out.printf("BENCH sink run %d: %d articles in %.2f s = %.0f rows/s%n", run + 1, n, seconds1, n / seconds1);
            }
            Collections.sort(rates);
            System.out.printf("BENCH sink throughput (median of 3): %.0f rows/s%n", rates.get(1));

            // 2. Feed latency: 1, then 50 concurrent clients on loopback, each looping GET (feeds: 50 stories with text).
            // web.cacheFor off: every request runs its queries, the cost measured here.
            try (WebServer server = WebServer.start(new WebConfig("127.0.0.1", 0, null, 50, 200, Duration.ofSeconds(1),
                    8, 64, 8, Duration.ZERO), db, new SimpleMeterRegistry())) {
                HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
                for (String path : List.of("/feed.json?limit=50", "/feed.atom?limit=50", "/api/stories?sort=rank&limit=100"))
                for (int clientCount : List.of(1, 50)) {
                    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
                    AtomicInteger errors = new AtomicInteger();
                    HttpRequest req = HttpRequest.newBuilder(server.uri().resolve(path)).build();
                    long warmEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
                    ExecutorService clients = Executors.newFixedThreadPool(clientCount);
                    List<Future<?>> futures = new ArrayList<>();
                    for (int i = 0; i < clientCount; i++) {
                        futures.add(clients.submit(() -> {
                            while (System.nanoTime() < end) {
                                long t0 = System.nanoTime();
                                try {
                                    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                                    if (r.statusCode() != 200) {
                                        errors.incrementAndGet();
                                    }
                                } catch (Exception e) {
                                    errors.incrementAndGet();
                                }
                                if (t0 > warmEnd) {
                                    latencies.add(System.nanoTime() - t0);
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : futures) {
                        f.get();
                    }
                    clients.shutdown();
                    List<Long> sorted = new ArrayList<>(latencies);
                    Collections.sort(sorted);
                    System.out.printf("BENCH feed %s, %d clients, %d s: %d requests (%.0f/s), p50 %.1f ms, p99 %.1f ms, "
                                    + "errors %d%n", path, clientCount, seconds, sorted.size(), sorted.size() / (double) seconds,
                            pct(sorted, 0.50) / 1e6, pct(sorted, 0.99) / 1e6, errors.get());
                }
            }
        }
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** n articles: stories of four (an original, an exact copy, two rewrites) over eight outlets, ~400 words each. */
    static List<CleanArticle> articles(int n) {
        String para = "The council approved the extension of the tram line after a long debate about costs, "
                + "timetables and the disruption that construction would bring to the shops along the route. ";
        String body = String.join("\n\n", Collections.nCopies(6, para.repeat(3)));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<CleanArticle> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int story = i / 4;
            int member = i % 4;
            Relation rel = member == 0 ? Relation.ORIGINAL : member == 1 ? Relation.EXACT : Relation.REWRITE;
            String outlet = "outlet-" + ((story + member) % 8);
            out.add(new CleanArticle(1, "b" + i, "i" + i, "https://" + outlet + ".example/a/" + i, null, outlet,
                    "Story " + story + " headline", "Desk", t0.plusSeconds(60L * i), t0.plusSeconds(60L * i + 5), "en",
                    body, 400, "s" + story, rel, member == 0 ? null : "b" + (story * 4), member == 0 ? null : 0.6,
                    Map.of("nav", 3)));
        }
        return out;
    }

}
