package dev.rewire.sink.file;

import static dev.rewire.sink.TestArticles.article;
import static dev.rewire.sink.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Topics;
import dev.rewire.sink.RecordingConsumer;
import dev.rewire.sink.SinkException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSONL file sink's consumer loop (MockConsumer) and its whole-lines guarantee. */
class JsonlFileSinkTest {

    static final Topics TOPICS = Topics.defaults();
    static final TopicPartition CLEAN0 = new TopicPartition(TOPICS.clean(), 0);
    static final TopicPartition CLEAN1 = new TopicPartition(TOPICS.clean(), 1);
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    RewireConfig cfg;
    Path file;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RecordingConsumer consumer = new RecordingConsumer();
    JsonlFileSink sink;

    @BeforeEach
    void setUp() {
        cfg = RewireConfig.defaults().with(Map.of("rewire.dataDir", dataDir.toString(), "sink.file.path", "out/clean.jsonl",
                "sink.file.batchSize", "3", "sink.pollTimeout", "50ms"));
        file = dataDir.resolve("out/clean.jsonl");
        consumer.snapshotOnCommit(() -> (long) lines().size());
        sink = new JsonlFileSink(cfg, consumer, TOPICS, registry);
    }

    @AfterEach
    void tearDown() {
        sink.close();
    }

    @Test
    void bindsItsKafkaConsumersMetricsUntilClosed() {
        // A real consumer (the Mock reports no metrics); it connects nowhere before start().
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        JsonlFileSink real = new JsonlFileSink(cfg, JsonlFileSink.consumerConfig(cfg, "127.0.0.1:1", "g"), TOPICS, own);
        try {
            assertThat(own.getMeters()).anyMatch(m -> m.getId().getName().startsWith("kafka.consumer."));
        } finally {
            real.close();
        }
        assertThat(own.getMeters()).noneMatch(m -> m.getId().getName().startsWith("kafka.consumer."));
    }

    @Test
    void writesOneValidJsonLinePerArticleAndCommitsAfterTheWrite() throws Exception {
        assertThat(sink.path()).isEqualTo(file.toAbsolutePath());
        consumer.assignOnNextPoll(List.of(CLEAN0, CLEAN1));
        List<CleanArticle> expected = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            CleanArticle a = article("f" + i, "Line \"" + i + "\"\nwith a newline in the title");
            expected.add(a);
            records.add(new ConsumerRecord<>(CLEAN0.topic(), 0, i, a.id(), json(a)));
        }
        consumer.addOnNextPoll(records);
        sink.start();

        assertThat(sink.awaitPosition(Map.of(CLEAN0, 7L, CLEAN1, 0L), WAIT)).isTrue();
        List<String> lines = lines();
        assertThat(lines).hasSize(7);
        assertThat(lines.stream().map(l -> Json.read(l, CleanArticle.class)).toList()).isEqualTo(expected);
        assertThat(Files.readString(file)).endsWith("\n");
        assertThat(sink.rowsWritten()).isEqualTo(7);
        assertThat(registry.get("rewire.sink.rows").tag("sink", "file").counter().count()).isEqualTo(7);

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (consumer.commits().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(consumer.commits()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.offsets()).containsEntry(CLEAN0, 7L);
            assertThat(c.targetSnapshot()).isEqualTo(7);
        });
    }

    @Test
    void invalidRecordsAreSkippedAndCounted() throws Exception {
        consumer.assignOnNextPoll(List.of(CLEAN0));
        consumer.addOnNextPoll(List.of(
                new ConsumerRecord<>(CLEAN0.topic(), 0, 0L, "a", json(article("a", "ok"))),
                new ConsumerRecord<>(CLEAN0.topic(), 0, 1L, "b", "garbage".getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>(CLEAN0.topic(), 0, 2L, "c", json(article("c", "ok")))));
        sink.start();
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 3L), WAIT)).isTrue();
        assertThat(lines()).hasSize(2).allSatisfy(l -> assertThat(Json.read(l, CleanArticle.class).id()).isIn("a", "c"));
        assertThat(registry.get("rewire.sink.invalid").tag("sink", "file").counter().count()).isEqualTo(1);
    }

    @Test
    void aRecordOfANewerSchemaStopsTheSinkBeforeItInsteadOfBeingSkippedOrTruncated() throws Exception {
        String newer = new String(json(article("n", "from the future")), StandardCharsets.UTF_8)
                .replaceFirst("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThat(newer).contains("\"schemaVersion\":2");
        consumer.assignOnNextPoll(List.of(CLEAN0));
        consumer.addOnNextPoll(List.of(
                new ConsumerRecord<>(CLEAN0.topic(), 0, 0L, "a", json(article("a", "ok"))),
                new ConsumerRecord<>(CLEAN0.topic(), 0, 1L, "n", newer.getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>(CLEAN0.topic(), 0, 2L, "c", json(article("c", "ok")))));
        sink.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sink.failure().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sink.failure()).get().asString().contains("schemaVersion 2", "upgrade the sink");
        assertThat(lines()).isEmpty();  // the batch holding the newer record was not written, nor committed
        // nothing committed past "a": it is read again, with the newer record, by the upgraded sink
        assertThat(consumer.commits()).allSatisfy(c -> assertThat(c.offsets().getOrDefault(CLEAN0, 0L)).isZero());
        assertThat(registry.get("rewire.sink.invalid").tag("sink", "file").counter().count()).isZero();
    }

    @Test
    void aTrailingPartialLineIsRepairedOnStart() throws Exception {
        Files.createDirectories(file.getParent());
        String good = Json.write(article("old1", "x")) + "\n" + Json.write(article("old2", "y")) + "\n";
        String partial = Json.write(article("old3", "z")).substring(0, 40);
        Files.writeString(file, good + partial);

        consumer.assignOnNextPoll(List.of(CLEAN0));
        consumer.addOnNextPoll(List.of(new ConsumerRecord<>(CLEAN0.topic(), 0, 0L, "n", json(article("new", "n")))));
        sink.start();
        assertThat(Files.readString(file)).startsWith(good);
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 1L), WAIT)).isTrue();

        List<String> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.stream().map(l -> Json.read(l, CleanArticle.class).id()).toList())
                .containsExactly("old1", "old2", "new");
    }

    @Test
    void repairTailHandlesEveryShape() throws Exception {
        Path f = dataDir.resolve("t.jsonl");
        Files.writeString(f, "");
        assertThat(JsonlFileSink.repairTail(f)).isZero();
        Files.writeString(f, "{\"a\":1}\n");
        assertThat(JsonlFileSink.repairTail(f)).isZero();
        assertThat(Files.readString(f)).isEqualTo("{\"a\":1}\n");
        String noNewline = "{\"no newline at all";
        Files.writeString(f, noNewline);
        assertThat(JsonlFileSink.repairTail(f)).isEqualTo(noNewline.length());
        assertThat(Files.size(f)).isZero();
        // A partial line longer than the repair buffer.
        String longPartial = "{\"text\":\"" + "x".repeat(200_000);
        Files.writeString(f, "{\"a\":1}\n" + longPartial);
        assertThat(JsonlFileSink.repairTail(f)).isEqualTo(longPartial.length());
        assertThat(Files.readString(f)).isEqualTo("{\"a\":1}\n");
    }

    @Test
    void aSecondWriterOnTheSameFileIsRefused() {
        sink.start();
        try (JsonlFileSink other = new JsonlFileSink(cfg, new RecordingConsumer(), TOPICS, new SimpleMeterRegistry())) {
            assertThatThrownBy(other::start).isInstanceOf(SinkException.class).hasMessageContaining("cannot start");
        }
    }

    @Test
    void rollsBySizeAndByHourAtomicallyKeepingEveryLineOnce() throws Exception {
        sink.close();
        // Each batch is 3 lines of about 400 bytes: a 1,500-byte limit rolls before every second batch.
        RewireConfig rolling = cfg.with(Map.of("sink.file.rollMaxBytes", "1500"));
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T09:59:00Z"));
        RecordingConsumer consumer = new RecordingConsumer();
        sink = new JsonlFileSink(rolling, consumer, TOPICS, registry);
        sink.clock(new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        });
        consumer.assignOnNextPoll(List.of(CLEAN0));
        List<ConsumerRecord<String, byte[]>> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(new ConsumerRecord<>(CLEAN0.topic(), 0, i, "r" + i, json(article("r" + i, "t"))));
        }
        consumer.addOnNextPoll(first);
        sink.start();
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 6L), WAIT)).isTrue();
        assertThat(sink.rolledFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("clean.2026-11-22T09.0.jsonl");

        now.set(Instant.parse("2026-11-22T10:00:01Z")); // a new hour: the next batch starts a new file
        consumer.addOnNextPoll(List.of(new ConsumerRecord<>(CLEAN0.topic(), 0, 6L, "r6", json(article("r6", "t")))));
        assertThat(sink.awaitPosition(Map.of(CLEAN0, 7L), WAIT)).isTrue();
        List<Path> rolled = sink.rolledFiles();
        assertThat(rolled).extracting(p -> p.getFileName().toString())
                .containsExactly("clean.2026-11-22T09.0.jsonl", "clean.2026-11-22T09.1.jsonl");
        List<String> ids = new ArrayList<>();
        for (Path f : rolled) {
            String content = Files.readString(f);
            assertThat(content).endsWith("\n");
            content.lines().forEach(l -> ids.add(Json.read(l, CleanArticle.class).id()));
        }
        lines().forEach(l -> ids.add(Json.read(l, CleanArticle.class).id()));
        assertThat(ids).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6");
        assertThat(registry.get("rewire.sink.file.rotations").counter().count()).isEqualTo(2);
    }

    private List<String> lines() {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
