package dev.rewire.deploy.pipeline;

import dev.rewire.config.RewireConfig;
import dev.rewire.enrich.EnrichTopology;
import dev.rewire.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enrich topology as a {@link KafkaStreams} instance: starts it, exposes its health, binds its
 * metrics, and closes it cleanly. A fatal error stops the client (no silent thread replacement loops) and
 * is kept so the command can report it and exit non-zero.
 */
public final class EnrichRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichRunner.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch running = new CountDownLatch(1);

    private EnrichRunner(KafkaStreams streams, KafkaStreamsMetrics metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    /** Builds and starts the enrich application against {@code bootstrapServers}. */
    public static EnrichRunner start(RewireConfig cfg, String bootstrapServers, Topics topics, MeterRegistry registry) {
        Topology topology = EnrichTopology.build(cfg, topics, registry);
        Properties props = EnrichTopology.streamsConfig(cfg, bootstrapServers);
        KafkaStreams streams = new KafkaStreams(topology, props);
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        EnrichRunner runner = new EnrichRunner(streams, metrics);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("the enrich topology failed; stopping it", e);
            runner.failure.compareAndSet(null, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((next, previous) -> {
            LOG.debug("enrich state {} -> {}", previous, next);
            if (next == KafkaStreams.State.RUNNING) {
                runner.running.countDown();
            }
        });
        streams.start();
        return runner;
    }

    /** Waits until the application has its partitions and runs; false on time-out or failure. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && failure.get() == null;
    }

    /** True while the application is running or rebalancing. */
    public boolean healthy() {
        KafkaStreams.State state = streams.state();
        return failure.get() == null && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                || state == KafkaStreams.State.CREATED);
    }

    /** The fatal error that stopped the application, or null. */
    public Throwable failure() {
        return failure.get();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        // Leave the group on close: otherwise the next instance (a restart, the next replay) waits a whole
        // session time-out for this member's partitions.
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        metrics.close();
    }
}
