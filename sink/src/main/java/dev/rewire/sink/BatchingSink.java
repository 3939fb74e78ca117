package dev.rewire.sink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Story;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop shared by every sink, so that each writer only says how to store a batch.
 *
 * <p>One thread per sink: poll → parse each record into its topic's type → hand batches of at most
 * {@code batchSize} parsed records to {@link #writeBatch} (which must make them durable before
 * returning) → commit the consumer's positions with {@code commitSync}. Guarantees:
 * <ul>
 *   <li>At-least-once: offsets are committed only after the write returned; a crash in between
 *       re-delivers the batch, so writers should be idempotent or tolerate duplicates (the file sink).</li>
 *   <li>Exactly-once for a sink that {@linkplain #storesOffsets() stores offsets with its data}: each
 *       batch carries the offsets to resume from ({@link SinkBatch#nextOffsets()}), which the sink commits
 *       in the same transaction as the rows, and on every partition assignment the consumer seeks to the
 *       offsets the sink {@linkplain #storedOffsets read back} (the PostgreSQL sink).</li>
 *   <li>Nothing is lost silently: a record that does not parse (or lacks its id) is logged with its
 *       topic, partition and offset, counted in {@code rewire.sink.invalid} and skipped.</li>
 *   <li>A failed write is retried per {@link RetryPolicy} without committing; when the attempts are
 *       exhausted the loop stops, logs the error and records it, and {@link #awaitPosition} throws it.</li>
 *   <li>Committed positions come from {@code consumer.position()}, so transaction markers of
 *       exactly-once producers are stepped over and {@link #awaitPosition} can reach a topic's end offsets.</li>
 * </ul>
 *
 * <p>Metrics (tag {@code sink}): {@code rewire.sink.rows}, {@code rewire.sink.batch} (timer of successful
 * writes), {@code rewire.sink.invalid}, {@code rewire.sink.retries}, {@code rewire.sink.lag} (gauge,
 * records behind the end of the assigned partitions, as of the last poll), and the consumer's own
 * {@code kafka.consumer.*} metrics ({@link KafkaClientMetrics}, removed when the sink closes).
 *
 * <p>The public methods are thread-safe; {@link #writeBatch}, {@link #open()} and {@link #release()} run
 * on one thread at a time.
 */
public abstract class BatchingSink implements AutoCloseable {

    /**
     * A topic the sink reads and the type its values parse into.
     *
     * @param topic      topic name
     * @param type       value type (a record of the model)
     * @param tombstones true when a null value is a legitimate delete (compacted topics), false when it is invalid
     */
    public record TopicSpec(String topic, Class<?> type, boolean tombstones) {

        /** The newest schema version of {@code type} this build reads: its {@code SCHEMA_VERSION} constant. */
        public int schemaVersion() {
            try {
                return type.getField("SCHEMA_VERSION").getInt(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(type.getName() + " declares no public static SCHEMA_VERSION", e);
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(BatchingSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final Map<String, TopicSpec> topics = new LinkedHashMap<>();
    private final Map<String, Integer> knownVersions = new HashMap<>();
    private final int batchSize;
    private final Duration pollTimeout;
    private final RetryPolicy retry;
    private final MeterRegistry registry;

    private final ConcurrentHashMap<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    /** Offsets this loop committed last, per partition; loop thread only. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Object progress = new Object();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean closing;
    private volatile Throwable failure;
    private volatile Thread thread;
    private volatile boolean finished;

    private final Counter rowsCounter;
    private final Counter invalidCounter;
    private final Counter retriesCounter;
    private final Timer batchTimer;
    private final Gauge lagGauge;
    private final KafkaClientMetrics consumerMetrics;

    /**
     * @param name        short name of the sink ({@code postgres}, {@code file}): metric tag, thread and log name
     * @param consumer    the consumer, configured with {@code read_committed} and auto-commit off; owned by the sink
     * @param topics      what to read
     * @param batchSize   most records per {@link #writeBatch} call
     * @param pollTimeout longest wait of one poll
     * @param retry       how failed writes are retried
     * @param registry    where the metrics go
     */
    protected BatchingSink(String name, Consumer<String, byte[]> consumer, List<TopicSpec> topics, int batchSize,
                           Duration pollTimeout, RetryPolicy retry, MeterRegistry registry) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a sink needs at least one topic");
        }
        this.name = name;
        this.consumer = consumer;
        topics.forEach(t -> {
            this.topics.put(t.topic(), t);
            knownVersions.put(t.topic(), t.schemaVersion());
        });
        this.batchSize = batchSize;
        this.pollTimeout = pollTimeout;
        this.retry = retry;
        this.registry = registry;
        this.rowsCounter = Counter.builder("rewire.sink.rows").tag("sink", name)
                .description("Rows (or lines) written by the sink").register(registry);
        this.invalidCounter = Counter.builder("rewire.sink.invalid").tag("sink", name)
                .description("Records skipped because they could not be parsed").register(registry);
        this.retriesCounter = Counter.builder("rewire.sink.retries").tag("sink", name)
                .description("Failed write attempts that were retried").register(registry);
        this.batchTimer = Timer.builder("rewire.sink.batch").tag("sink", name)
                .description("Time to write one batch durably").register(registry);
        this.lagGauge = Gauge.builder("rewire.sink.lag", lag, AtomicLong::get).tag("sink", name)
                .description("Records behind the end of the assigned partitions").strongReference(true)
                .register(registry);
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
    }

    /**
     * Consumer properties for a sink: every {@code kafka.*} pass-through property, then the ones a sink
     * depends on ({@code group.id}, {@code isolation.level=read_committed}, {@code enable.auto.commit=false},
     * {@code auto.offset.reset=earliest}, String keys, byte[] values).
     *
     * @param bootstrapServers the brokers, or null to use {@code kafka.bootstrap.servers}
     * @param groupId          the consumer group ({@code sink.postgres.groupId}, {@code sink.file.groupId})
     */
    public static Map<String, Object> consumerConfig(RewireConfig cfg, String bootstrapServers, String groupId) {
        Map<String, Object> props = new HashMap<>(cfg.kafkaProperties());
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.trim());
        }
        Object servers = props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.toString().isBlank()) {
            throw new ConfigException("a sink needs Kafka bootstrap servers: set kafka.bootstrap.servers "
                    + "(REWIRE_KAFKA_BOOTSTRAP_SERVERS) or start the embedded broker first");
        }
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /**
     * A copy of {@code props} with the settings a sink's correctness rests on forced
     * ({@code read_committed}, no auto-commit) and sensible ones defaulted (group, earliest, max.poll.records).
     */
    protected static Map<String, Object> sinkConsumerProps(Map<String, Object> props, String groupId, int batchSize) {
        Map<String, Object> copy = new HashMap<>(props);
        copy.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        copy.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        copy.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        copy.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        copy.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, batchSize));
        return copy;
    }

    /**
     * Makes the records of {@code batch} durable (committed transaction, fsync'ed file) before returning.
     * Called on the sink's thread; an exception makes the loop retry the same batch later, so a failed
     * attempt must leave no partial effect that a retry would duplicate.
     *
     * @return rows (or lines) written, for {@code rewire.sink.rows} and {@link #rowsWritten()}
     */
    protected abstract int writeBatch(SinkBatch batch) throws Exception;

    /**
     * True when this sink keeps the consumed offsets in its target, in the same transaction as the data
     * ({@link SinkBatch#nextOffsets()}), and resumes from them ({@link #storedOffsets}) instead of the
     * group's committed offsets: exactly-once writes. Such a sink also receives empty batches that only
     * advance offsets (polls whose records were all invalid or transaction markers).
     */
    protected boolean storesOffsets() {
        return false;
    }

    /**
     * The offsets stored in the target for {@code partitions} (only those it knows), used to seek when
     * partitions are assigned. Called on the sink's thread, only when {@link #storesOffsets()}.
     */
    protected Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) throws Exception {
        return Map.of();
    }

    /** Prepares the target (migrations, opening files); called by {@link #start()} on the caller's thread. */
    protected void open() throws Exception {
    }

    /** Releases what {@link #open()} acquired; called once when the loop ends (or on close if never started). */
    protected void release() throws Exception {
    }

    /**
     * Why a parsed value cannot be written (null when it can). The default rejects articles and stories
     * without their id, which could not be stored or keyed.
     */
    protected String invalidReason(TopicSpec spec, Object value) {
        if (value instanceof CleanArticle a && (a.id() == null || a.id().isBlank())) {
            return "CleanArticle without id";
        }
        if (value instanceof Story s && (s.storyId() == null || s.storyId().isBlank())) {
            return "Story without storyId";
        }
        return null;
    }

    /** The short name of this sink ({@code postgres}, {@code file}). */
    public String name() {
        return name;
    }

    /** Prepares the target and starts the consumer thread. Throws {@link SinkException} when the target cannot be opened. */
    public synchronized void start() {
        if (thread != null || closed.get()) {
            throw new IllegalStateException(name + " sink was already started or closed");
        }
        try {
            open();
        } catch (Exception e) {
            failure = e;
            throw new SinkException(name + " sink cannot start: " + e.getMessage(), e);
        }
        Thread t = new Thread(this::run, "rewire-sink-" + name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Waits until this sink has durably written every record before {@code endOffsets} (the next offset
     * to be written, e.g. from {@code Admin.listOffsets(latest)} or {@code consumer.endOffsets}). A
     * partition whose end offset is 0 counts as done. Only partitions this instance has consumed are known:
     * in a group of several instances, wait on each.
     *
     * @return true when every partition has reached its end offset; false when {@code timeout} passed first
     *         or the calling thread was interrupted (its interrupt flag is then set again)
     * @throws SinkException when the sink stopped (failed or closed) before reaching the offsets
     */
    public boolean awaitPosition(Map<TopicPartition, Long> endOffsets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (true) {
                if (reached(endOffsets)) {
                    return true;
                }
                Throwable f = failure;
                if (f != null) {
                    throw new SinkException(name + " sink failed: " + f.getMessage(), f);
                }
                if (finished || closed.get()) {
                    throw new SinkException(name + " sink is closed; still missing " + missing(endOffsets));
                }
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    return false;
                }
                try {
                    progress.wait(Math.min(leftMs, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** The next offset to write per partition, as durably written by this sink so far (a snapshot). */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Rows (or lines) written since this sink was created; re-deliveries count again. */
    public long rowsWritten() {
        return rows.get();
    }

    /** The error that stopped the sink, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** True while the consumer thread runs. */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive() && !finished;
    }

    /**
     * Stops the loop (wakes the consumer, abandons a pending retry without committing), waits for the
     * thread, closes the consumer and releases the target. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        stopSignal.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            closeConsumerAndRelease();
        } else {
            consumer.wakeup();
            try {
                t.join(CLOSE_TIMEOUT.toMillis());
                if (t.isAlive()) {
                    log.warn("{} sink: consumer thread did not stop within {}; interrupting it", name, CLOSE_TIMEOUT);
                    t.interrupt();
                    t.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        registry.remove(lagGauge);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    // ------------------------------------------------------------------------------------------- loop

    private void run() {
        try {
            consumer.subscribe(new ArrayList<>(topics.keySet()), new Listener());
            log.info("{} sink: consuming {}", name, topics.keySet());
            while (!closing) {
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
                handle(records);
            }
        } catch (WakeupException | Stopping e) {
            if (!closing) {
                fail(e);
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            closeConsumerAndRelease();
            finished = true;
            synchronized (progress) {
                progress.notifyAll();
            }
            log.info("{} sink: stopped after {} rows", name, rows.get());
        }
    }

    private void fail(Throwable t) {
        failure = t;
        log.error("{} sink: stopping after an unrecoverable error; offsets after the last durable write are "
                + "not committed and will be re-delivered on restart", name, t);
    }

    private void closeConsumerAndRelease() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            log.warn("{} sink: closing the consumer failed: {}", name, e.toString());
        }
        consumerMetrics.close();
        try {
            release();
        } catch (Exception e) {
            log.warn("{} sink: releasing the target failed: {}", name, e.toString());
        }
    }

    private void handle(ConsumerRecords<String, byte[]> records) {
        List<SinkBatch.Entry> entries = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            SinkBatch.Entry entry = parse(r);
            if (entry != null) {
                entries.add(entry);
            }
        }
        // Positions after this poll: past every returned record and any transaction marker.
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        long totalLag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            long pos = consumer.position(tp);
            Long last = committed.get(tp);
            if (last == null || pos > last) {
                toCommit.put(tp, new OffsetAndMetadata(pos));
            }
            OptionalLong partitionLag = consumer.currentLag(tp);
            if (partitionLag.isPresent()) {
                totalLag += partitionLag.getAsLong();
            }
        }
        lag.set(totalLag);
        Map<TopicPartition, Long> pollPositions = new HashMap<>();
        toCommit.forEach((tp, om) -> pollPositions.put(tp, om.offset()));
        if (entries.isEmpty() && storesOffsets() && !pollPositions.isEmpty()) {
            writeWithRetry(new SinkBatch(List.of(), pollPositions)); // only moves the stored offsets
        }
        for (int from = 0; from < entries.size(); from += batchSize) {
            int to = Math.min(entries.size(), from + batchSize);
            List<SinkBatch.Entry> slice = entries.subList(from, to);
            Map<TopicPartition, Long> next;
            if (to == entries.size()) {
                next = pollPositions;
            } else {
                next = new HashMap<>();
                for (SinkBatch.Entry e : slice) {
                    next.merge(new TopicPartition(e.topic(), e.partition()), e.offset() + 1, Math::max);
                }
            }
            SinkBatch batch = new SinkBatch(slice, next);
            int written = writeWithRetry(batch);
            rows.addAndGet(written);
            rowsCounter.increment(written);
        }
        if (toCommit.isEmpty()) {
            return;
        }
        synchronized (progress) {
            toCommit.forEach((tp, om) -> positions.merge(tp, om.offset(), Math::max));
            progress.notifyAll();
        }
        commit(toCommit);
    }

    private SinkBatch.Entry parse(ConsumerRecord<String, byte[]> r) {
        TopicSpec spec = topics.get(r.topic());
        if (spec == null) {
            invalid(r, "record from an unexpected topic");
            return null;
        }
        if (r.value() == null) {
            if (spec.tombstones()) {
                return new SinkBatch.Entry(r.topic(), r.partition(), r.offset(), r.key(), null);
            }
            invalid(r, "null value (tombstone) on a topic without deletes");
            return null;
        }
        Object value;
        try {
            JsonNode tree = Json.mapper().readTree(r.value());
            requireKnownVersion(r, spec, tree);
            value = Json.mapper().treeToValue(tree, spec.type());
        } catch (SinkException e) {
            throw e;
        } catch (Exception e) {
            invalid(r, "not a valid " + spec.type().getSimpleName() + ": " + e.getMessage());
            return null;
        }
        String reason = value == null ? "JSON null" : invalidReason(spec, value);
        if (reason != null) {
            invalid(r, reason);
            return null;
        }
        return new SinkBatch.Entry(r.topic(), r.partition(), r.offset(), r.key(), value);
    }

    /**
     * Stops the sink at a record of a newer schema than it reads (enrich upgraded before the sink): read as
     * the old type it would lose the new fields, or fail on a new enum value and be skipped, and the stored
     * offsets would move past it for good. Stopping leaves it, and everything after it, for the upgraded sink.
     */
    private void requireKnownVersion(ConsumerRecord<String, byte[]> r, TopicSpec spec,
                                     JsonNode tree) {
        JsonNode version = tree == null ? null : tree.get("schemaVersion");
        int known = knownVersions.get(spec.topic());
        if (version != null && version.canConvertToInt() && version.asInt() > known) {
            throw new SinkException(name + " sink: " + r.topic() + "-" + r.partition() + "@" + r.offset()
                    + " has schemaVersion " + version.asInt() + ", newer than the " + known + " of "
                    + spec.type().getSimpleName() + " this sink reads; it stops before the record (nothing is "
                    + "skipped): upgrade the sink");
        }
    }

    private void invalid(ConsumerRecord<String, byte[]> r, String reason) {
        invalidCounter.increment();
        String msg = reason == null ? "" : reason.replaceAll("\\s+", " ");
        log.warn("{} sink: skipping invalid record {}-{}@{} (key {}, {} bytes): {}", name, r.topic(), r.partition(),
                r.offset(), abbreviate(r.key()), r.value() == null ? 0 : r.value().length, abbreviate(msg));
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    private int writeWithRetry(SinkBatch batch) {
        for (int attempt = 1; ; attempt++) {
            long t0 = System.nanoTime();
            try {
                int written = writeBatch(batch);
                batchTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                return written;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (closing) {
                    throw new Stopping();
                }
                if (attempt >= retry.maxAttempts()) {
                    throw new SinkException(name + " sink: writing a batch of " + batch.size() + " records failed "
                            + attempt + " times, last error: " + e.getMessage(), e);
                }
                Duration wait = retry.backoff(attempt);
                retriesCounter.increment();
                log.warn("{} sink: writing {} records failed (attempt {}/{}), retrying in {} ms: {}", name,
                        batch.size(), attempt, retry.maxAttempts(), wait.toMillis(), e.toString());
                try {
                    if (stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new Stopping();
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new Stopping();
                }
            }
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            commitSync(offsets);
        } catch (WakeupException e) {
            // close() woke the consumer after the write was durable: commit once more so a clean stop
            // does not re-deliver (the wake-up is consumed by the exception).
            commitSync(offsets);
            throw e;
        }
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
            offsets.forEach((tp, om) -> committed.put(tp, om.offset()));
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            // The data is durable; the partitions will be re-delivered to their new owner, which the
            // idempotent writers absorb.
            log.warn("{} sink: committing offsets failed after a durable write (records may be re-delivered): {}",
                    name, e.toString());
        }
    }

    private boolean reached(Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            long end = e.getValue() == null ? 0 : e.getValue();
            if (end > 0 && positions.getOrDefault(e.getKey(), -1L) < end) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, String> missing(Map<TopicPartition, Long> endOffsets) {
        Map<TopicPartition, String> out = new LinkedHashMap<>();
        endOffsets.forEach((tp, end) -> {
            long pos = positions.getOrDefault(tp, -1L);
            if (end != null && end > 0 && pos < end) {
                out.put(tp, (pos < 0 ? "nothing" : "up to " + pos) + " of " + end);
            }
        });
        return out;
    }

    /** Records where each newly assigned partition starts, so a partition with nothing new counts as reached. */
    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (storesOffsets() && !partitions.isEmpty()) {
                Map<TopicPartition, Long> stored = loadStoredOffsets(partitions);
                stored.forEach((tp, offset) -> {
                    if (partitions.contains(tp)) {
                        consumer.seek(tp, offset);
                    }
                });
                if (!stored.isEmpty()) {
                    log.info("{} sink: resuming from the offsets stored with the data: {}", name, stored);
                }
            }
            Map<TopicPartition, Long> start = new HashMap<>();
            for (TopicPartition tp : partitions) {
                start.put(tp, consumer.position(tp)); // may fetch the committed offset: outside the lock
            }
            synchronized (progress) {
                start.forEach((tp, pos) -> {
                    committed.put(tp, pos);
                    positions.merge(tp, pos, Math::max);
                });
                progress.notifyAll();
            }
            log.info("{} sink: assigned {}", name, partitions);
        }

        private Map<TopicPartition, Long> loadStoredOffsets(Collection<TopicPartition> partitions) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return storedOffsets(partitions);
                } catch (Exception e) {
                    if (closing || attempt >= retry.maxAttempts()) {
                        throw new SinkException(name + " sink: reading its stored offsets failed " + attempt
                                + " times, last error: " + e.getMessage(), e);
                    }
                    retriesCounter.increment();
                    log.warn("{} sink: reading the stored offsets failed (attempt {}/{}): {}", name, attempt,
                            retry.maxAttempts(), e.toString());
                    try {
                        if (stopSignal.await(retry.backoff(attempt).toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new Stopping();
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new Stopping();
                    }
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Every batch is committed before the next poll, so nothing is pending here.
            partitions.forEach(committed::remove);
        }
    }

    /** Thrown inside the loop when close() interrupts a pending write or retry. */
    private static final class Stopping extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopping() {
            super("stopping", null, false, false);
        }
    }
}
