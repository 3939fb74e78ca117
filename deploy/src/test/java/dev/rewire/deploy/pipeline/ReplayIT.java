package dev.rewire.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.local.Infrastructure;
import dev.rewire.deploy.metrics.Metrics;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Rejected;
import dev.rewire.model.Relation;
import dev.rewire.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay on the real thing: an embedded KRaft broker, an embedded PostgreSQL, the enrich topology and
 * the PostgreSQL sink, fed by a fixture directory of fictional outlets' pages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    @TempDir
    static Path dataDir;

    static RewireConfig cfg;
    static Infrastructure infra;

    @BeforeAll
    static void startInfrastructure() {
        cfg = RewireConfig.defaults().with(Map.of(
                "rewire.dataDir", dataDir.toString(),
                "topics.partitions", "2"));
        infra = Infrastructure.start(cfg, true, line -> { });
    }

    @AfterAll
    static void stopInfrastructure() {
        if (infra != null) {
            infra.close();
        }
    }

    static Path fixtures() throws URISyntaxException {
        return Path.of(ReplayIT.class.getResource("/fixtures/replay").toURI());
    }

    Replay.Result replay(Path out) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        return new Replay(cfg, infra, Metrics.newRegistry(), new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run(List.of(fixtures()), out);
    }

    @Test
    @Order(1)
    void replayLandsCleanRecordsInTheFileAndTheDatabase(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out.jsonl");
        Replay.Result result = replay(out);

        assertThat(result.read()).isEqualTo(4);
        assertThat(result.clean()).isEqualTo(3);
        assertThat(result.rejected()).isEqualTo(1);
        assertThat(result.stories()).isEqualTo(2);
        assertThat(result.summary()).isEqualTo("read 4 / clean 3 / rejected 1 / stories 2");

        List<CleanArticle> articles = readJsonl(out);
        // Input order: files sorted by name.
        assertThat(articles).extracting(CleanArticle::outlet)
                .containsExactly("bakery-award", "Tidewater Gazette", "Coastline Courier");
        CleanArticle bakery = articles.get(0);
        assertThat(bakery.title()).isEqualTo("Millbrook bakery wins national sourdough prize");
        assertThat(bakery.text()).contains("beating 212 entries").doesNotContain("Front page")
                .doesNotContain("newsletter").doesNotContain("All rights reserved");
        CleanArticle original = articles.get(1);
        CleanArticle copy = articles.get(2);
        assertThat(original.relation()).isEqualTo(Relation.ORIGINAL);
        assertThat(original.text()).contains("six months ahead").doesNotContain("Share on")
                .doesNotContain("Related stories").doesNotContain("Accept all");
        assertThat(copy.relation()).isEqualTo(Relation.EXACT);
        assertThat(copy.storyId()).isEqualTo(original.storyId());
        assertThat(copy.duplicateOf()).isEqualTo(original.id());

        assertThat(rowCount()).isEqualTo(3);
        assertThat(storyIdOf(copy.id())).isEqualTo(original.storyId());
    }

    @Test
    @Order(2)
    void replayingAgainLeavesNoDuplicateRows(@TempDir Path tmp) throws Exception {
        Replay.Result again = replay(tmp.resolve("again.jsonl"));
        assertThat(again.clean()).isEqualTo(3);
        assertThat(rowCount()).isEqualTo(3);
    }

    @Test
    @Order(3)
    void theEmptyPageIsOnTheRejectedTopicWithItsReason() throws Exception {
        Topics topics = new Topics(cfg.getString("topics.prefix", ""));
        List<Rejected> rejected = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "replay-it-rejected",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            // Each replay has topics of its own (<prefix>replay-<run>.news.rejected): read every run's.
            consumer.subscribe(Pattern.compile(".*" + Pattern.quote(topics.rejected())));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // Two replays ran, so the empty page was rejected twice.
            while (rejected.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    rejected.add(Json.read(r.value(), Rejected.class));
                }
            }
        }
        assertThat(rejected).hasSize(2).allSatisfy(r -> {
            assertThat(r.reason().code().code()).isEqualTo("empty-body");
            assertThat(r.reason().message()).isNotBlank();
            assertThat(r.url()).endsWith("empty-page.html");
            assertThat(r.stage()).isNotBlank();
        });
    }

    private static List<CleanArticle> readJsonl(Path file) throws IOException {
        List<CleanArticle> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(Json.read(line, CleanArticle.class));
        }
        return out;
    }

    private static long rowCount() throws Exception {
        DataSource ds = infra.dataSource().orElseThrow();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from articles")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String storyIdOf(String id) throws Exception {
        DataSource ds = infra.dataSource().orElseThrow();
        try (Connection c = ds.getConnection();
             var ps = c.prepareStatement("select story_id from articles where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
