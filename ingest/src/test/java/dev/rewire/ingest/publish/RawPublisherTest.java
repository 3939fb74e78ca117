package dev.rewire.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.source.Ingested;
import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.JsonSerde;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import dev.rewire.model.Rejected;
import dev.rewire.model.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RawPublisherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Topics topics = new Topics("test.");

    private static Ingested.Article article() {
        return Ingested.article("https://harborledger.example/ferry", null, "Harbor Ledger",
                Instant.parse("2024-05-02T10:00:00Z"), RawArticle.HTML, "<p>The ferry runs late.</p>",
                DiscoveredVia.JSONL, Instant.parse("2024-05-02T09:00:00Z"), "Ferry", false);
    }

    private static Ingested.Failure failure() {
        return Ingested.failure(RejectReason.MALFORMED_RECORD, "line 3 of in.jsonl is not valid JSON",
                "file:/data/in.jsonl#line=3", null, null, DiscoveredVia.JSONL, "{oops", 5);
    }

    private static MockProducer<String, byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void bindsItsKafkaProducersMetricsUntilClosed() {
        // A real producer (the Mock reports no metrics); nothing is sent, so it needs no broker.
        RawPublisher publisher = new RawPublisher(RawPublisher.producerConfig(RewireConfig.defaults(), "127.0.0.1:1"),
                topics, registry);
        try {
            assertThat(registry.getMeters()).anyMatch(m -> m.getId().getName().startsWith("kafka.producer."));
        } finally {
            publisher.close();
        }
        assertThat(registry.getMeters()).noneMatch(m -> m.getId().getName().startsWith("kafka.producer."));
    }

    @Test
    void sendsArticlesToRawAndFailuresToRejected() throws Exception {
        MockProducer<String, byte[]> producer = producer(true);
        Ingested.Article article = article();
        Ingested.Failure failure = failure();
        try (RawPublisher publisher = new RawPublisher(producer, topics, registry)) {
            CompletableFuture<RecordMetadata> sent = publisher.publish(article);
            publisher.publish(failure);
            publisher.flush();
            assertThat(sent).isCompleted();
            assertThat(sent.get().topic()).isEqualTo("test.news.raw");
            assertThat(publisher.acknowledged()).isEqualTo(2);
        }

        assertThat(producer.history()).hasSize(2);
        ProducerRecord<String, byte[]> raw = producer.history().get(0);
        assertThat(raw.topic()).isEqualTo("test.news.raw");
        assertThat(raw.key()).isEqualTo("https://harborledger.example/ferry");
        RawArticle decoded = JsonSerde.of(RawArticle.class).deserializer().deserialize(raw.topic(), raw.value());
        assertThat(decoded).isEqualTo(article.article());
        assertThat(new String(raw.value(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"schemaVersion\":1").contains("\"fetchedAt\":\"2024-05-02T10:00:00Z\"");

        ProducerRecord<String, byte[]> rejected = producer.history().get(1);
        assertThat(rejected.topic()).isEqualTo("test.news.rejected");
        assertThat(rejected.key()).isEqualTo("file:/data/in.jsonl#line=3");
        Rejected r = JsonSerde.of(Rejected.class).deserializer().deserialize(rejected.topic(), rejected.value());
        assertThat(r.stage()).isEqualTo("ingest");
        assertThat(r.reason().code()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(r.ingestId()).isEqualTo(failure.ingestId());
        assertThat(r.excerpt()).isEqualTo("{oops");

        assertThat(registry.counter("rewire.ingest.published", "topic", "test.news.raw").count()).isEqualTo(1);
        assertThat(registry.counter("rewire.ingest.published", "topic", "test.news.rejected").count()).isEqualTo(1);
        assertThat(registry.counter("rewire.ingest.read", "kind", "jsonl", "result", "article").count()).isEqualTo(1);
        assertThat(registry.counter("rewire.ingest.read", "kind", "jsonl", "result", "failure").count()).isEqualTo(1);
        assertThat(registry.counter("rewire.ingest.failed", "topic", "test.news.raw").count()).isZero();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aSendErrorIsNeverSilentlyLost() {
        MockProducer<String, byte[]> producer = producer(false);
        RawPublisher publisher = new RawPublisher(producer, topics, registry);
        CompletableFuture<RecordMetadata> first = publisher.publish(article());
        producer.errorNext(new RecordTooLargeException("the message is 20000000 bytes"));

        assertThat(first).isCompletedExceptionally();
        assertThatThrownBy(publisher::flush)
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("1 record(s) could not be published")
                .hasRootCauseInstanceOf(RecordTooLargeException.class);
        assertThatThrownBy(() -> publisher.publish(failure())).isInstanceOf(PublishException.class);
        assertThat(registry.counter("rewire.ingest.failed", "topic", "test.news.raw").count()).isEqualTo(1);
        assertThat(publisher.failures()).isEqualTo(1);
        publisher.close(); // already reported: no second exception
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void closeReportsAnErrorNobodyHasSeenYet() {
        MockProducer<String, byte[]> producer = producer(false);
        RawPublisher publisher = new RawPublisher(producer, topics, registry);
        publisher.publish(article());
        producer.errorNext(new IllegalStateException("broker gone"));
        assertThatThrownBy(publisher::close).isInstanceOf(PublishException.class).hasMessageContaining("broker gone");
    }

    @Test
    void aSynchronousSendFailureIsThrownAtOnce() {
        MockProducer<String, byte[]> producer = producer(true);
        producer.sendException = new org.apache.kafka.common.KafkaException("producer fenced");
        RawPublisher publisher = new RawPublisher(producer, topics, registry);
        assertThatThrownBy(() -> publisher.publish(article()))
                .isInstanceOf(PublishException.class).hasMessageContaining("producer fenced");
        assertThatThrownBy(publisher::flush).isInstanceOf(PublishException.class);
    }

    @Test
    void producerConfigIsSafeAndPassesKafkaPropertiesThrough() {
        RewireConfig cfg = RewireConfig.defaults()
                .with("kafka.security.protocol", "SASL_SSL")
                .with("kafka.acks", "1")
                .with("kafka.enable.idempotence", "false")
                .with("kafka.bootstrap.servers", "configured:9092");

        Map<String, Object> props = RawPublisher.producerConfig(cfg, "override:9092");

        assertThat(props)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "override:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        assertThat((Integer) props.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))
                .isGreaterThanOrEqualTo(RawPublisher.MIN_MAX_REQUEST_BYTES);
        assertThat(RawPublisher.producerConfig(cfg, null))
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "configured:9092");
        assertThat((Integer) RawPublisher.producerConfig(cfg.with("ingest.maxBodyBytes", "20mb"), null)
                .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)).isEqualTo(41 * 1024 * 1024);
        assertThatThrownBy(() -> RawPublisher.producerConfig(RewireConfig.defaults(), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap");
    }

    @Test
    void producerConfigBuildsARealProducer() {
        Map<String, Object> props = RawPublisher.producerConfig(RewireConfig.defaults(), "127.0.0.1:1");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 100);
        try (RawPublisher publisher = new RawPublisher(props, topics, registry)) {
            assertThat(publisher.acknowledged()).isZero();
        }
    }

    @Test
    void aPageWhoseRecordWouldBeTooLargeIsRejectedAndThePublisherCarriesOn() throws Exception {
        MockProducer<String, byte[]> producer = producer(true);
        // 300 KB of control characters: 6 bytes each as JSON, 1.8 MB against a 1 MB request limit
        String body = "<p>Clean start.</p>" + "\u0001".repeat(300_000);
        Ingested.Article huge = Ingested.article("https://harborledger.example/huge", null, "Harbor Ledger",
                Instant.parse("2024-05-02T10:00:00Z"), RawArticle.HTML, body, DiscoveredVia.PAGE, null, "Huge", false);
        try (RawPublisher publisher = new RawPublisher(producer, topics, registry, 1024 * 1024)) {
            publisher.publish(huge);
            publisher.publish(article());
            publisher.flush();
            assertThat(publisher.failures()).isZero();
        }
        assertThat(producer.history()).hasSize(2);
        ProducerRecord<String, byte[]> rejected = producer.history().get(0);
        assertThat(rejected.topic()).isEqualTo("test.news.rejected");
        assertThat(rejected.value().length).isLessThan(64 * 1024);
        Rejected r = JsonSerde.of(Rejected.class).deserializer().deserialize(rejected.topic(), rejected.value());
        assertThat(r.reason().code()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(r.ingestId()).isEqualTo(huge.ingestId());
        assertThat(r.url()).isEqualTo("https://harborledger.example/huge");
        assertThat(r.inputBytes()).isEqualTo(body.length());
        assertThat(producer.history().get(1).topic()).isEqualTo("test.news.raw");
        assertThat(registry.get("rewire.ingest.read").tag("result", "failure").counter().count()).isEqualTo(1);
    }
}
