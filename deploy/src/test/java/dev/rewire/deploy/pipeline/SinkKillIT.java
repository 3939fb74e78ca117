package dev.rewire.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.local.LocalKafka;
import dev.rewire.deploy.local.LocalPostgres;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Relation;
import dev.rewire.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code rewire sink} process (the distribution's jar, on a real broker and a real
 * PostgreSQL) at random moments while it loads 5,000 articles, then a restart that finishes the job: the
 * database must hold every article exactly once and none written twice ({@code articles.writes = 1}),
 * which only holds because the offsets are committed in the database with the rows.
 */
class SinkKillIT {

    static final int N = 5_000;

    @Test
    void killMinus9AtRandomMomentsLeavesEachArticleExactlyOnce(@TempDir Path tmp) throws Exception {
        Path jar = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "rewire.jar");
        Assumptions.assumeTrue(Files.exists(jar), "the distribution jar is not built (run the package phase first): " + jar);
        Topics topics = Topics.defaults();
        try (LocalKafka kafka = LocalKafka.start(tmp.resolve("kafka"), 0);
             LocalPostgres pg = LocalPostgres.start(tmp.resolve("pg"), 0)) {
            RewireConfig cfg = RewireConfig.defaults().with(Map.of("topics.partitions", "2"));
            KafkaSetup.ensureTopics(cfg, kafka.bootstrapServers(), topics);
            produce(kafka.bootstrapServers(), topics.clean());

            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString(),
                    "sink", "--data-dir", tmp.resolve("data").toString(),
                    "--set", "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "--set", "sink.postgres.jdbcUrl=" + pg.jdbcUrl(),
                    "--set", "sink.postgres.batchSize=200",
                    // A killed member holds its partitions until its session times out: keep that short.
                    "--set", "kafka.session.timeout.ms=6000", "--set", "kafka.heartbeat.interval.ms=1000",
                    "--set", "sink.file.enabled=false", "--set", "web.enabled=false", "--set", "metrics.enabled=false"));
            Random random = new Random(6L);
            int kills = 0;
            List<Long> progress = new ArrayList<>();
            long before = 0;
            for (int life = 0; life < 4 && count(pg, "SELECT count(*) FROM articles") < N; life++) {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("sink-" + life + ".log").toFile()).start();
                try {
                    // Wait until this life has written something, then kill it a random moment later.
                    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    while (count(pg, "SELECT coalesce(sum(next_offset), 0) FROM sink_offsets") <= before
                            && System.nanoTime() < deadline && p.isAlive()) {
                        Thread.sleep(50); // polling another process's effect on the database
                    }
                    Thread.sleep(random.nextInt(400));
                } finally {
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no consumer close, no last commit
                    p.waitFor();
                }
                kills++;
                before = count(pg, "SELECT coalesce(sum(next_offset), 0) FROM sink_offsets");
                progress.add(before);
            }
            // Killed at least twice while loading: stored offsets grew between kills and stayed short of the end.
            assertThat(kills).isGreaterThanOrEqualTo(2);
            assertThat(progress).as("offsets stored after each kill").isSorted().allMatch(n -> n > 0)
                    .anyMatch(n -> n < N);

            // The last life runs until everything is stored, then stops normally.
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("sink-last.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (count(pg, "SELECT coalesce(sum(next_offset), 0) FROM sink_offsets") < N
                        && System.nanoTime() < deadline) {
                    assertThat(p.isAlive()).as("the sink process died: see " + tmp.resolve("sink-last.log")).isTrue();
                    Thread.sleep(100);
                }
            } finally {
                p.destroy();
                p.waitFor();
            }
            assertThat(count(pg, "SELECT count(*) FROM articles")).isEqualTo(N);
            assertThat(count(pg, "SELECT count(*) FROM articles WHERE writes <> 1")).as("articles written twice").isZero();
            assertThat(count(pg, "SELECT sum(member_count) FROM story_feed")).isEqualTo(N);
            assertThat(count(pg, "SELECT sum(articles) FROM outlets")).isEqualTo(N);
        }
    }

    private static void produce(String bootstrap, String topic) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < N; i++) {
                int story = i / 5;
                String outlet = "outlet-" + (i % 5);
                CleanArticle a = new CleanArticle(1, "k" + i, "i" + i, "https://" + outlet + ".example/" + i, null, outlet,
                        "Story " + story, null, t0.plusSeconds(i), t0.plusSeconds(i), "en",
                        "Paragraph one of article " + i + ".\n\nParagraph two.", 8, "s" + story,
                        i % 5 == 0 ? Relation.ORIGINAL : Relation.REWRITE, null, null, Map.of());
                producer.send(new ProducerRecord<>(topic, a.id(), Json.write(a).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static long count(LocalPostgres pg, String sql) throws Exception {
        try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement()) {
            if (!tableExists(c)) {
                return 0;
            }
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean tableExists(Connection c) throws Exception {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('public.sink_offsets') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

}
