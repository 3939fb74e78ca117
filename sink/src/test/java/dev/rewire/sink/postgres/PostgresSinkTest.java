package dev.rewire.sink.postgres;

import static dev.rewire.sink.TestArticles.article;
import static dev.rewire.sink.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Story;
import dev.rewire.model.Topics;
import dev.rewire.sink.RecordingConsumer;
import dev.rewire.sink.SinkException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL sink's consumer loop, driven by a MockConsumer, against a real (embedded) PostgreSQL. */
class PostgresSinkTest {

    static final Topics TOPICS = Topics.defaults();
    static final TopicPartition CLEAN0 = new TopicPartition(TOPICS.clean(), 0);
    static final TopicPartition CLEAN1 = new TopicPartition(TOPICS.clean(), 1);
    static final TopicPartition STORIES0 = new TopicPartition(TOPICS.stories(), 0);
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path tmp;
    static EmbeddedPostgres pg;
    static DataSource db;

    final RewireConfig cfg = RewireConfig.defaults().with(Map.of(
            "sink.postgres.batchSize", "4",
            "sink.pollTimeout", "50ms",
            "sink.retry.maxAttempts", "3",
            "sink.retry.initialBackoff", "20ms",
            "sink.retry.maxBackoff", "50ms"));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RecordingConsumer consumer = new RecordingConsumer();
    final FlakyDataSource flaky = new FlakyDataSource();
    ArticleRepository articles;
    PostgresSink sink;

    @BeforeAll
    static void startDatabase() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start();
        db = pg.getPostgresDatabase();
        Migrations.migrate(db);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE articles, stories, rewrites, story_feed, outlets, sink_offsets");
        }
        articles = new ArticleRepository(db);
        consumer.snapshotOnCommit(() -> {
            try {
                return articles.count();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        sink = new PostgresSink(cfg, consumer, TOPICS, flaky, registry);
    }

    @AfterEach
    void tearDown() {
        sink.close();
    }

    @Test
    void writesEveryRecordAndCommitsOnlyAfterTheWrite() throws Exception {
        consumer.assignOnNextPoll(List.of(CLEAN0, CLEAN1, STORIES0));
        consumer.addOnNextPoll(cleanRecords(CLEAN0, 0, 7));
        consumer.addOnNextPoll(cleanRecords(CLEAN1, 100, 5));
        sink.start();

        assertThat(sink.awaitPosition(Map.of(CLEAN0, 7L, CLEAN1, 5L, STORIES0, 0L), WAIT)).isTrue();
        assertThat(articles.count()).isEqualTo(12);
        assertThat(articles.find("a3")).contains(article("a3", "Title 3"));
        assertThat(sink.rowsWritten()).isEqualTo(12);
        assertThat(registry.get("rewire.sink.rows").tag("sink", "postgres").counter().count()).isEqualTo(12);
        assertThat(registry.get("rewire.sink.batch").tag("sink", "postgres").timer().count()).isEqualTo(4); // 4+3, 4+1

        awaitCommitted(Map.of(CLEAN0, 7L, CLEAN1, 5L));
        // Every commit saw all the rows of the records it committed already in the table.
        long expected = 0;
        for (RecordingConsumer.Commit commit : consumer.commits()) {
            long records = commit.offsets().getOrDefault(CLEAN0, 0L) + commit.offsets().getOrDefault(CLEAN1, 0L);
            expected = Math.max(expected, records);
            assertThat(commit.targetSnapshot()).as("rows when committing %s", commit.offsets())
                    .isGreaterThanOrEqualTo(expected);
        }
    }

    @Test
    void aReplayOfTheSameRecordsAddsNoRows() throws Exception {
        consumer.assignOnNextPoll(List.of(CLEAN0));
        List<ConsumerRecord<String, byte[]>> records = cleanRecords(CLEAN0, 0, 6);
        consumer.addOnNextPoll(records);
        sink.start();
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 6L), WAIT)).isTrue();

        // The same articles again at later offsets (e.g. re-delivered after a crash before the commit).
        List<ConsumerRecord<String, byte[]>> again = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            again.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset() + 6, r.key(), r.value()));
        }
        consumer.addOnNextPoll(again);
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 12L), WAIT)).isTrue();
        assertThat(articles.count()).isEqualTo(6);
        assertThat(sink.rowsWritten()).isEqualTo(12);
    }

    @Test
    void invalidRecordsAreSkippedCountedAndCommittedPast() throws Exception {
        consumer.assignOnNextPoll(List.of(CLEAN0));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(record(CLEAN0, 0, "a0", json(article("a0", "ok"))));
        records.add(record(CLEAN0, 1, "bad", "{not json".getBytes(StandardCharsets.UTF_8)));
        records.add(record(CLEAN0, 2, "noid", "{\"title\":\"no id\"}".getBytes(StandardCharsets.UTF_8)));
        records.add(record(CLEAN0, 3, "tomb", null));
        records.add(record(CLEAN0, 4, "a4", json(article("a4", "ok"))));
        consumer.addOnNextPoll(records);
        sink.start();

        assertThat(sink.awaitPosition(Map.of(CLEAN0, 5L), WAIT)).isTrue();
        assertThat(articles.count()).isEqualTo(2);
        assertThat(registry.get("rewire.sink.invalid").tag("sink", "postgres").counter().count()).isEqualTo(3);
        awaitCommitted(Map.of(CLEAN0, 5L));
    }

    @Test
    void gapsInOffsetsSuchAsTransactionMarkersDoNotBlockAwaitPosition() throws Exception {
        consumer.assignOnNextPoll(List.of(CLEAN0));
        consumer.addOnNextPoll(List.of(record(CLEAN0, 0, "a0", json(article("a0", "x"))),
                record(CLEAN0, 2, "a2", json(article("a2", "x")))));
        sink.start();
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 3L), WAIT)).isTrue();
        assertThat(articles.count()).isEqualTo(2);
    }

    @Test
    void awaitPositionTimesOutWhileRecordsAreMissingAndEmptyPartitionsCountAsDone() throws Exception {
        consumer.assignOnNextPoll(List.of(CLEAN0, CLEAN1));
        consumer.addOnNextPoll(cleanRecords(CLEAN0, 0, 2));
        sink.start();
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 2L, CLEAN1, 0L), WAIT)).isTrue();
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 3L), Duration.ofMillis(300))).isFalse();
    }

    @Test
    void storiesAreUpsertedAndTombstonesDeleteThem() throws Exception {
        Story s1 = new Story(1, "s1", "One", Instant.parse("2025-01-01T00:00:00Z"), "a.test", 1, List.of("a.test"),
                Instant.parse("2025-01-01T00:00:00Z"));
        Story s1b = new Story(1, "s1", "One", s1.firstSeenAt(), "a.test", 2, List.of("a.test", "b.test"),
                Instant.parse("2025-01-01T01:00:00Z"));
        Story s2 = new Story(1, "s2", "Two", Instant.parse("2025-01-02T00:00:00Z"), "b.test", 1, List.of("b.test"),
                Instant.parse("2025-01-02T00:00:00Z"));
        consumer.assignOnNextPoll(List.of(CLEAN0, STORIES0));
        consumer.addOnNextPoll(List.of(record(STORIES0, 0, "s1", json(s1)), record(STORIES0, 1, "s2", json(s2)),
                record(STORIES0, 2, "s1", json(s1b)), record(CLEAN0, 0, "a0", json(article("a0", "x")))));
        sink.start();
        assertThat(sink.awaitPosition(Map.of(STORIES0, 3L, CLEAN0, 1L), WAIT)).isTrue();
        assertThat(sink.stories().count()).isEqualTo(2);
        assertThat(sink.stories().find("s1")).contains(s1b);

        consumer.addOnNextPoll(List.of(record(STORIES0, 3, "s2", null)));
        assertThat(sink.awaitPosition(Map.of(STORIES0, 4L), WAIT)).isTrue();
        assertThat(sink.stories().find("s2")).isEmpty();
        assertThat(registry.get("rewire.sink.invalid").counter().count()).isZero();
    }

    @Test
    void databaseFailuresAreRetriedWithoutCommitting() throws Exception {
        consumer.assignOnNextPoll(List.of(CLEAN0));
        sink.start();
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 0L), WAIT)).isTrue();
        flaky.failures.set(2);
        consumer.addOnNextPoll(cleanRecords(CLEAN0, 0, 3));

        assertThat(sink.awaitPosition(Map.of(CLEAN0, 3L), WAIT)).isTrue();
        assertThat(articles.count()).isEqualTo(3);
        assertThat(registry.get("rewire.sink.retries").counter().count()).isEqualTo(2);
        awaitCommitted(Map.of(CLEAN0, 3L));
        assertThat(consumer.commits()).allSatisfy(c -> assertThat(c.targetSnapshot()).isEqualTo(3));
        assertThat(sink.failure()).isEmpty();
        assertThat(sink.isRunning()).isTrue();
    }

    @Test
    void persistentDatabaseFailureStopsTheSinkLoudly() throws Exception {
        consumer.assignOnNextPoll(List.of(CLEAN0));
        sink.start();
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 0L), WAIT)).isTrue();
        flaky.failures.set(Integer.MAX_VALUE);
        consumer.addOnNextPoll(cleanRecords(CLEAN0, 0, 2));

        assertThatThrownBy(() -> sink.awaitPosition(Map.of(CLEAN0, 2L), WAIT))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("failed 3 times")
                .hasRootCauseInstanceOf(SQLTransientConnectionException.class);
        assertThat(sink.failure()).isPresent();
        assertThat(consumer.commits()).isEmpty();
        assertThat(articles.count()).isZero();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sink.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sink.isRunning()).isFalse();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void closeStopsTheLoopAndClosesTheConsumer() throws Exception {
        consumer.assignOnNextPoll(List.of(CLEAN0));
        sink.start();
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 0L), WAIT)).isTrue();
        sink.close();
        sink.close();
        assertThat(sink.isRunning()).isFalse();
        assertThat(consumer.closed()).isTrue();
        assertThat(sink.failure()).isEmpty();
        assertThatThrownBy(() -> sink.awaitPosition(Map.of(CLEAN0, 1L), WAIT)).isInstanceOf(SinkException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void consumerConfigPassesKafkaPropertiesThroughAndForcesTheSinkSettings() {
        RewireConfig c = cfg.with(Map.of("kafka.security.protocol", "SASL_SSL", "kafka.enable.auto.commit", "true",
                "kafka.bootstrap.servers", "ignored:1"));
        Map<String, Object> props = PostgresSink.consumerConfig(c, "broker:9092", c.getString("sink.postgres.groupId"));
        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("group.id", "rewire-sink-postgres")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("auto.offset.reset", "earliest");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void awaitCommitted(Map<TopicPartition, Long> expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, Long> last = new java.util.HashMap<>();
            consumer.commits().forEach(c -> last.putAll(c.offsets()));
            if (last.entrySet().containsAll(expected.entrySet())) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("offsets " + expected + " not committed; commits: " + consumer.commits());
    }

    static List<ConsumerRecord<String, byte[]>> cleanRecords(TopicPartition tp, int firstId, int n) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CleanArticle a = article("a" + (firstId + i), "Title " + (firstId + i));
            out.add(record(tp, i, a.id(), json(a)));
        }
        return out;
    }

    static ConsumerRecord<String, byte[]> record(TopicPartition tp, long offset, String key, byte[] value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, key, value);
    }

    /** The embedded database, failing {@code failures} more connection attempts. */
    static final class FlakyDataSource implements DataSource {
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                throw new SQLTransientConnectionException("database unavailable (test)");
            }
            return db.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return db.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            db.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            db.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return db.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return db.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return db.isWrapperFor(iface);
        }
    }
}
