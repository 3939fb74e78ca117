package dev.rewire.ingest.publish;

import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.content.CappedBody;
import dev.rewire.ingest.source.Ingested;
import dev.rewire.model.JsonSerde;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import dev.rewire.model.Rejected;
import dev.rewire.model.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the sources yield to Kafka: {@link Ingested.Article}s to {@code topics.raw()} keyed by the
 * article URL, {@link Ingested.Failure}s to {@code topics.rejected()} keyed by the input key, values as the
 * contract's UTF-8 JSON.
 *
 * <p>Exists so that no input is ever lost between a source and the broker: the producer is idempotent with
 * {@code acks=all}; sends are asynchronous, but the first send error is kept and rethrown (as
 * {@link PublishException}) by every later {@link #publish}, {@link #flush()} and {@link #close()}. Call
 * {@link #flush()} before treating inputs as published (for example before committing a position).
 *
 * <p>Metrics: {@code rewire.ingest.read} (tags {@code kind} = how the input was found: file, jsonl, warc,
 * page…, and {@code result} = article | failure), {@code rewire.ingest.published} (tag {@code topic}, counted
 * when the broker acknowledges), {@code rewire.ingest.failed} (tag {@code topic}, send errors), and the
 * producer's own {@code kafka.producer.*} metrics ({@link KafkaClientMetrics}, removed on {@link #close()}).
 *
 * <p>Thread-safe (the Kafka producer is), though sources themselves are single-threaded.
 */
public final class RawPublisher implements AutoCloseable {

    /** The smallest {@code max.request.size} the publisher configures: room for a 10 MB page and its JSON. */
    public static final int MIN_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RawPublisher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final MeterRegistry registry;
    private final Serializer<RawArticle> articles = JsonSerde.of(RawArticle.class).serializer();
    private final Serializer<Rejected> rejections = JsonSerde.of(Rejected.class).serializer();
    private final Counter publishedRaw;
    private final Counter publishedRejected;
    private final Counter failedRaw;
    private final Counter failedRejected;
    private final KafkaClientMetrics producerMetrics;
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    /** Largest value sent: the producer's {@code max.request.size} less room for the key and batch framing. */
    private final int maxRecordBytes;
    private volatile boolean errorReported;
    private volatile boolean closed;

    /**
     * A publisher with its own {@link KafkaProducer} built from {@code producerProps} (see
     * {@link #producerConfig(RewireConfig, String)}); serializers are set here.
     */
    public RawPublisher(Map<String, Object> producerProps, Topics topics, MeterRegistry registry) {
        this(new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer()), topics, registry,
                Integer.parseInt(String.valueOf(producerProps.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        MIN_MAX_REQUEST_BYTES)).trim()));
    }

    /** A publisher over {@code producer} (tests use a {@code MockProducer}); takes ownership of it. */
    RawPublisher(Producer<String, byte[]> producer, Topics topics, MeterRegistry registry) {
        this(producer, topics, registry, MIN_MAX_REQUEST_BYTES);
    }

    /** As above, sending values of at most {@code maxRequestBytes} less 64 KiB. */
    RawPublisher(Producer<String, byte[]> producer, Topics topics, MeterRegistry registry, int maxRequestBytes) {
        this.maxRecordBytes = Math.max(1, maxRequestBytes - 64 * 1024);
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.publishedRaw = published(topics.raw());
        this.publishedRejected = published(topics.rejected());
        this.failedRaw = failed(topics.raw());
        this.failedRejected = failed(topics.rejected());
        this.producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
    }

    /**
     * The producer properties for {@code cfg}: every {@code kafka.*} pass-through key, {@code bootstrapServers}
     * over {@code kafka.bootstrap.servers} when given, {@code compression.type=zstd}, {@code linger.ms=20},
     * {@code batch.size=256kb} and {@code max.request.size} = max(16 MiB, 2 × ingest.maxBodyBytes + 1 MiB) unless
     * passed through; {@code enable.idempotence=true} and {@code acks=all} always (a pass-through that weakens
     * them is overridden with a warning). The broker's {@code message.max.bytes} (or the topics'
     * {@code max.message.bytes}) must be at least {@code max.request.size}, or large pages are refused.
     *
     * @throws IllegalArgumentException when no bootstrap servers are given or configured
     */
    public static Map<String, Object> producerConfig(RewireConfig cfg, String bootstrapServers) {
        long maxBody = Math.min(cfg.getBytes("ingest.maxBodyBytes"), CappedBody.MAX_CAP);
        long maxRequest = Math.min(Math.max(MIN_MAX_REQUEST_BYTES, 2 * maxBody + 1024 * 1024), Integer.MAX_VALUE);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "rewire-ingest");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) maxRequest);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L * 1024 * 1024, 2 * maxRequest));
        props.putAll(cfg.kafkaProperties());
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.trim());
        }
        Object servers = props.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.toString().isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers: pass them or set kafka.bootstrap.servers "
                    + "(REWIRE_KAFKA_BOOTSTRAP_SERVERS)");
        }
        enforce(props, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        enforce(props, ProducerConfig.ACKS_CONFIG, "all");
        Object inFlight = props.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight != null && Integer.parseInt(inFlight.toString().trim()) > 5) {
            LOG.warn("kafka.{}={} is not allowed with idempotence; using 5",
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, inFlight);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        }
        if (props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG) != null) {
            LOG.warn("kafka.{} is ignored by the ingest publisher (it is not transactional)",
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        }
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static void enforce(Map<String, Object> props, String key, String value) {
        Object given = props.get(key);
        if (given != null && !value.equalsIgnoreCase(given.toString().trim())
                && !("acks".equals(key) && "-1".equals(given.toString().trim()))) {
            LOG.warn("kafka.{}={} would allow losing records; the ingest publisher uses {}", key, given, value);
        }
        props.put(key, value);
    }

    /**
     * Sends {@code item} asynchronously.
     *
     * @return completes with the record's metadata once the broker has acknowledged it, or exceptionally
     * @throws PublishException when an earlier send failed, or this one cannot even be handed to the producer
     */
    public CompletableFuture<RecordMetadata> publish(Ingested item) {
        Objects.requireNonNull(item, "item");
        if (closed) {
            throw new IllegalStateException("the publisher is closed");
        }
        throwIfFailed();
        byte[] articleValue = null;
        if (item instanceof Ingested.Article article) {
            articleValue = serialise(() -> articles.serialize(topics.raw(), article.article()), item, topics.raw(),
                    failedRaw);
            long recordBytes = (long) articleValue.length
                    + (item.key() == null ? 0 : item.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            if (recordBytes > maxRecordBytes) {  // the producer would refuse it, and stop for good
                item = tooLarge(article.article(), recordBytes);
                articleValue = null;
            }
        }
        String kind = item.discoveredVia() == null ? "unknown" : item.discoveredVia();
        registry.counter("rewire.ingest.read", "kind", kind,
                "result", item instanceof Ingested.Article ? "article" : "failure").increment();
        String topic;
        byte[] value;
        Counter ok;
        Counter failed;
        if (articleValue != null) {
            topic = topics.raw();
            ok = publishedRaw;
            failed = failedRaw;
            value = articleValue;
        } else {
            Ingested.Failure failure = (Ingested.Failure) item;
            topic = topics.rejected();
            ok = publishedRejected;
            failed = failedRejected;
            value = serialise(() -> rejections.serialize(topic, failure.rejected()), item, topic, failed);
        }
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        Ingested sent = item;
        try {
            producer.send(new ProducerRecord<>(topic, item.key(), value), (metadata, exception) -> {
                if (exception == null) {
                    ok.increment();
                    acknowledged.incrementAndGet();
                    result.complete(metadata);
                } else {
                    recordError(sent, topic, failed, exception);
                    result.completeExceptionally(exception);
                }
            });
        } catch (RuntimeException e) {
            recordError(item, topic, failed, e);
            throw reported("cannot publish " + describe(item) + " to " + topic + ": " + e, e);
        }
        return result;
    }

    /**
     * Waits until every record sent so far is acknowledged or failed.
     *
     * @throws PublishException with the first error when any send has failed (now or before)
     */
    public void flush() {
        try {
            producer.flush();
        } catch (RuntimeException e) {
            firstError.compareAndSet(null, e);
        }
        throwIfFailed();
    }

    /** Records acknowledged by the broker so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Records whose send failed so far. */
    public long failures() {
        return failures.get();
    }

    /**
     * Flushes and closes the producer (waiting up to 30 s).
     *
     * @throws PublishException when a send failed and no earlier call has reported it
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            firstError.compareAndSet(null, e);
        } finally {
            producerMetrics.close();
        }
        if (firstError.get() != null && !errorReported) {
            throwIfFailed();
        }
    }

    /**
     * The rejection of an article whose record is larger than the producer sends: a page under
     * {@code ingest.maxBodyBytes} can still grow past it as JSON (each control character becomes six).
     */
    private static Ingested.Failure tooLarge(RawArticle a, long recordBytes) {
        // Rejected.of cuts the key, URL, outlet and excerpt: the rejection itself stays small
        return new Ingested.Failure(Rejected.of(Ingested.STAGE, RejectReason.TOO_LARGE, "the page's record would be "
                + recordBytes + " bytes, more than the producer sends (max.request.size)", a.url(), a.ingestId(),
                a.url(), a.outlet(), a.discoveredVia(), a.body(), Instant.now()));
    }

    private byte[] serialise(java.util.function.Supplier<byte[]> serialiser, Ingested item, String topic,
                             Counter failed) {
        try {
            return serialiser.get();
        } catch (RuntimeException e) {
            recordError(item, topic, failed, e);
            throw reported("cannot serialise " + describe(item) + " for " + topic + ": " + e, e);
        }
    }

    private void recordError(Ingested item, String topic, Counter failed, Exception e) {
        failed.increment();
        failures.incrementAndGet();
        firstError.compareAndSet(null, e);
        LOG.error("could not publish {} to {}: {}", describe(item), topic, e.toString());
    }

    private void throwIfFailed() {
        Exception error = firstError.get();
        if (error != null) {
            throw reported(failures.get() + " record(s) could not be published to Kafka; first error: " + error,
                    error);
        }
    }

    private PublishException reported(String message, Exception cause) {
        errorReported = true;
        return new PublishException(message, cause);
    }

    private static String describe(Ingested item) {
        return (item instanceof Ingested.Article ? "article " : "rejection ") + item.key()
                + " (ingestId " + item.ingestId() + ")";
    }

    private Counter published(String topic) {
        return Counter.builder("rewire.ingest.published").tag("topic", topic)
                .description("Records acknowledged by the broker").register(registry);
    }

    private Counter failed(String topic) {
        return Counter.builder("rewire.ingest.failed").tag("topic", topic)
                .description("Records whose send to Kafka failed").register(registry);
    }
}
