package dev.rewire.sink.postgres;

import static dev.rewire.sink.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Relation;
import dev.rewire.model.RewriteEvent;
import dev.rewire.model.Topics;
import dev.rewire.sink.RecordingConsumer;
import dev.rewire.sink.SinkException;
import dev.rewire.sink.TestArticles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the PostgreSQL sink — between the database commit and the next poll, and at random points of
 * every JDBC call during a 5,000-article replay — and restarts it from what survived: Kafka's committed
 * offsets (which lag) and the database. The database must end with every article exactly once, written
 * exactly once ({@code articles.writes = 1}: nothing re-applied), and the derived tables consistent.
 *
 * <p>A kill is an {@link Error} thrown from inside the JDBC layer: the sink thread dies on the spot, the
 * open transaction is abandoned (its connection closed without a commit) and nothing after it runs —
 * what {@code kill -9} does to a process, minus the JVM start-up.
 */
class ExactlyOnceKillTest {

    static final Topics TOPICS = Topics.defaults();
    static final TopicPartition CLEAN0 = new TopicPartition(TOPICS.clean(), 0);
    static final TopicPartition CLEAN1 = new TopicPartition(TOPICS.clean(), 1);
    static final TopicPartition REWRITES0 = new TopicPartition(TOPICS.rewrites(), 0);
    static final TopicPartition STORIES0 = new TopicPartition(TOPICS.stories(), 0);
    static final List<TopicPartition> PARTITIONS = List.of(CLEAN0, CLEAN1, REWRITES0, STORIES0);
    static final int N = 5_000;
    static final int STORY_SIZE = 5;
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;
    static EmbeddedPostgres pg;
    static DataSource db;

    final RewireConfig cfg = RewireConfig.defaults().with(Map.of(
            "sink.postgres.batchSize", "100", "sink.pollTimeout", "20ms",
            "sink.retry.maxAttempts", "2", "sink.retry.initialBackoff", "5ms", "sink.retry.maxBackoff", "5ms"));

    /** Thrown by the crashing data source: an Error, so no retry or cleanup code of the sink catches it. */
    static final class Kill extends Error {
        private static final long serialVersionUID = 1L;

        Kill(String where) {
            super("killed " + where, null, false, false);
        }
    }

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
    void clean() throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE articles, stories, rewrites, story_feed, outlets, sink_offsets");
        }
    }

    @Test
    void killBetweenTheDatabaseCommitAndTheNextPollReappliesNothing() throws Exception {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> input = input(500);
        int[] commits = {0};
        // Dies right after the first batch's transaction committed: before Kafka hears of it.
        DataSource killer = crashing(db, where -> where.equals("after-commit") && commits[0]++ == 0);
        Run first = run(killer, input, Map.of());
        assertThat(first.killed).isTrue();
        assertThat(first.consumer.commits()).isEmpty(); // Kafka's committed offsets: still at the start
        long afterKill = count("SELECT count(*) FROM articles");
        assertThat(afterKill).isEqualTo(100);

        Run second = run(db, input, lastCommitted(first.consumer));
        assertThat(second.killed).isFalse();
        assertThat(second.sink.rowsWritten()).isEqualTo(500 - afterKill); // resumed from the database's offsets
        assertExactlyOnce(500);
    }

    @Test
    void killsAtRandomPointsOfA5000ArticleReplayLeaveEachArticleExactlyOnce() throws Exception {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> input = input(N);
        Random random = new Random(20261122L);
        Map<TopicPartition, Long> kafkaCommitted = Map.of();
        List<String> kills = new ArrayList<>();
        for (int attempt = 0; attempt < 200; attempt++) {
            // After a commit the odds are higher, so that this test also kills there (not only mid-transaction).
            DataSource flaky = crashing(db, where -> random.nextDouble() < (where.equals("after-commit") ? 0.15 : 0.01));
            Run r = run(flaky, input, kafkaCommitted);
            kafkaCommitted = merge(kafkaCommitted, lastCommitted(r.consumer));
            if (!r.killed) {
                break;
            }
            kills.add(r.where);
        }
        assertThat(kills).as("the random kills actually happened").hasSizeGreaterThanOrEqualTo(3)
                .contains("killed after Connection.commit").anyMatch(k -> k.startsWith("killed before"));
        assertExactlyOnce(N);
    }

    // ------------------------------------------------------------------------------------------ helpers

    record Run(PostgresSink sink, RecordingConsumer consumer, boolean killed, String where) {
    }

    /** One life of the sink: runs until it has consumed everything (not killed) or dies. */
    private Run run(DataSource ds, Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> input,
                    Map<TopicPartition, Long> kafkaCommitted) throws Exception {
        RecordingConsumer consumer = new RecordingConsumer();
        Map<TopicPartition, Long> beginning = new HashMap<>();
        PARTITIONS.forEach(tp -> beginning.put(tp, 0L));
        consumer.updateBeginningOffsets(beginning);
        if (!kafkaCommitted.isEmpty()) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> om = new HashMap<>();
            kafkaCommitted.forEach((tp, o) -> om.put(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(o)));
            consumer.commitSync(om);
            consumer.commits().clear();
        }
        consumer.assignOnNextPoll(PARTITIONS);
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        input.values().forEach(all::addAll);
        consumer.addOnNextPoll(all);
        PostgresSink sink = new PostgresSink(cfg, consumer, TOPICS, ds, new SimpleMeterRegistry());
        Map<TopicPartition, Long> end = new HashMap<>();
        input.forEach((tp, records) -> end.put(tp, (long) records.size()));
        sink.start();
        try {
            assertThat(sink.awaitPosition(end, WAIT)).as("caught up").isTrue();
            return new Run(sink, consumer, false, null);
        } catch (SinkException e) {
            assertThat(e).hasRootCauseInstanceOf(Kill.class);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new Run(sink, consumer, true, root.getMessage());
        } finally {
            sink.close();
        }
    }

    private void assertExactlyOnce(int n) throws Exception {
        assertThat(count("SELECT count(*) FROM articles")).isEqualTo(n);
        assertThat(count("SELECT count(DISTINCT id) FROM articles")).isEqualTo(n);
        assertThat(count("SELECT count(*) FROM articles WHERE writes <> 1")).as("articles written twice").isZero();
        assertThat(count("SELECT count(*) FROM rewrites")).isEqualTo(n - n / STORY_SIZE);
        assertThat(count("SELECT count(*) FROM story_feed")).isEqualTo(n / STORY_SIZE);
        assertThat(count("SELECT count(*) FROM story_feed WHERE member_count <> " + STORY_SIZE
                + " OR rewrite_count <> " + (STORY_SIZE - 1))).isZero();
        assertThat(count("SELECT sum(articles) FROM outlets")).isEqualTo(n);
        assertThat(count("SELECT sum(next_offset) FROM sink_offsets WHERE topic = '" + TOPICS.clean() + "'"))
                .isEqualTo(n);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** n articles over two partitions of news.clean in stories of five (one original, four rewrites), plus their RewriteEvents. */
    static Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> input(int n) {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> out = new HashMap<>();
        PARTITIONS.forEach(tp -> out.put(tp, new ArrayList<>()));
        for (int i = 0; i < n; i++) {
            int story = i / STORY_SIZE;
            boolean original = i % STORY_SIZE == 0;
            String outlet = "outlet-" + (i % STORY_SIZE);
            CleanArticle base = TestArticles.article("k" + i, "Story " + story + " as told by " + outlet);
            CleanArticle a = new CleanArticle(base.schemaVersion(), base.id(), base.ingestId(), base.url(),
                    base.canonicalUrl(), outlet, base.title(), base.byline(),
                    Instant.parse("2025-03-04T00:00:00Z").plusSeconds(60L * i), base.fetchedAt(), "en", base.text(),
                    base.wordCount(), "s" + story, original ? Relation.ORIGINAL : Relation.REWRITE,
                    original ? null : "k" + (story * STORY_SIZE), original ? null : 0.5, base.boilerplate());
            TopicPartition tp = i % 2 == 0 ? CLEAN0 : CLEAN1;
            List<ConsumerRecord<String, byte[]>> list = out.get(tp);
            list.add(new ConsumerRecord<>(tp.topic(), tp.partition(), list.size(), a.id(), json(a)));
            if (!original) {
                RewriteEvent e = new RewriteEvent(RewriteEvent.SCHEMA_VERSION, a.id(), a.storyId(), a.duplicateOf(),
                        Relation.REWRITE, 0.5, outlet, "outlet-0", 60L * (i % STORY_SIZE));
                List<ConsumerRecord<String, byte[]>> rw = out.get(REWRITES0);
                rw.add(new ConsumerRecord<>(REWRITES0.topic(), 0, rw.size(), a.id(), json(e)));
            }
        }
        out.remove(STORIES0);
        return out;
    }

    static Map<TopicPartition, Long> lastCommitted(RecordingConsumer consumer) {
        Map<TopicPartition, Long> last = new HashMap<>();
        consumer.commits().forEach(c -> last.putAll(c.offsets()));
        return last;
    }

    static Map<TopicPartition, Long> merge(Map<TopicPartition, Long> a, Map<TopicPartition, Long> b) {
        Map<TopicPartition, Long> out = new HashMap<>(a);
        b.forEach((tp, o) -> out.merge(tp, o, Math::max));
        return out;
    }

    /** Decides whether to die at a point; asked only on the sink's own thread (not during start-up migrations). */
    interface KillPoint {
        boolean decide(String where);

        default boolean killAt(String where) {
            return Thread.currentThread().getName().startsWith("rewire-sink-") && decide(where);
        }
    }

    /**
     * {@code target} with every connection and statement wrapped: before each call (and after a commit)
     * {@code killPoint} decides whether the "process" dies there.
     */
    static DataSource crashing(DataSource target, KillPoint killPoint) {
        InvocationHandler dsHandler = (proxy, m, args) -> {
            Object result = invoke(target, m, args);
            if (result instanceof Connection c) {
                return wrapConnection(c, killPoint);
            }
            return result;
        };
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, dsHandler);
    }

    private static Connection wrapConnection(Connection c, KillPoint killPoint) {
        InvocationHandler h = (proxy, m, args) -> {
            String name = m.getName();
            boolean sideEffect = !name.equals("close") && !name.equals("isClosed") && !name.startsWith("get")
                    && !name.equals("unwrap") && !name.equals("isWrapperFor");
            if (sideEffect && killPoint.killAt("before-" + name)) {
                throw new Kill("before Connection." + name);
            }
            Object result = invoke(c, m, args);
            if (name.equals("commit") && killPoint.killAt("after-commit")) {
                throw new Kill("after Connection.commit");
            }
            if (result instanceof PreparedStatement ps) {
                return wrapStatement(ps, killPoint);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, h);
    }

    private static PreparedStatement wrapStatement(PreparedStatement ps, KillPoint killPoint) {
        InvocationHandler h = (proxy, m, args) -> {
            String name = m.getName();
            if (name.startsWith("execute") && killPoint.killAt("before-" + name)) {
                throw new Kill("before PreparedStatement." + name);
            }
            return invoke(ps, m, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, h);
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

}
