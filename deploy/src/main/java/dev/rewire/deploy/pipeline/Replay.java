package dev.rewire.deploy.pipeline;

import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.local.Infrastructure;
import dev.rewire.ingest.publish.PublishException;
import dev.rewire.ingest.publish.RawPublisher;
import dev.rewire.ingest.source.ArticleSource;
import dev.rewire.ingest.source.Ingested;
import dev.rewire.ingest.source.Sources;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Rejected;
import dev.rewire.model.Topics;
import dev.rewire.sink.postgres.Migrations;
import dev.rewire.sink.postgres.PostgresSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Batch mode: pushes files through the real pipeline (a real broker, the same enrich topology, the
 * PostgreSQL sink when a database is configured) and waits until every input is accounted for, then
 * writes the cleaned articles as JSONL in input order.
 *
 * <p>Accounting is exact, not timed: every published article carries an ingest id, and the replay
 * watches {@code news.clean} and {@code news.rejected} until each id has an outcome. Inputs that could
 * not even be read are rejected by the ingest stage and counted at once. If the pipeline makes no
 * progress for {@code replay.idleTimeout}, the replay fails with the number of inputs still missing.
 * Holds the cleaned articles in memory until the end (to restore input order).
 *
 * <p>Each replay has topics, an enrich application id and a sink group of its own ({@link #forOneRun}):
 * against a shared cluster it never publishes into the production {@code news.raw}, joins the production
 * enrich group or restores its story index, and a second replay into a kept data directory starts from a
 * clean index. On an external broker its topics are deleted when it ends; on the embedded one they stay
 * with the broker's data.
 */
public final class Replay {

    /** What a replay did, for the summary line and for tests. */
    public record Result(long read, long clean, long rejected, long stories, Map<String, Long> rejectedByReason,
                         Duration elapsed, long rowsInDatabase) {

        /** The summary line: {@code read N / clean N / rejected N / stories N}. */
        public String summary() {
            return String.format("read %d / clean %d / rejected %d / stories %d", read, clean, rejected, stories);
        }
    }

    private final RewireConfig cfg;
    private final Infrastructure infra;
    private final MeterRegistry registry;
    private final PrintStream progress;

    public Replay(RewireConfig cfg, Infrastructure infra, MeterRegistry registry, PrintStream progress) {
        this.cfg = forOneRun(cfg, "replay-" + UUID.randomUUID().toString().substring(0, 8));
        this.infra = infra;
        this.registry = registry;
        this.progress = progress;
    }

    /**
     * Runs one poll of the outcome tracker; on an interrupt (Ctrl-C, SIGTERM: the command's shutdown hook)
     * clears the thread's interrupt flag, so the broker, database and clients still close cleanly, and stops.
     */
    private static void pollOrStop(Runnable poll) {
        try {
            if (Thread.interrupted()) {
                throw stopped();
            }
            poll.run();
        } catch (InterruptException e) {
            Thread.interrupted();
            throw stopped();
        }
    }

    /** The replay was interrupted (Ctrl-C, SIGTERM); the thread's interrupt flag is clear again. */
    static final class Stopped extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("interrupted (Ctrl-C or SIGTERM): the replay stops without writing its output");
        }
    }

    private static Stopped stopped() {
        return new Stopped();
    }

    /**
     * {@code cfg} with names of one run's own: topics prefixed {@code <topics.prefix><run>.}, the enrich
     * application id and the PostgreSQL sink's group suffixed {@code -<run>}.
     */
    static RewireConfig forOneRun(RewireConfig cfg, String run) {
        return cfg.with("topics.prefix", cfg.getString("topics.prefix", "") + run + ".")
                .with("enrich.applicationId", cfg.getString("enrich.applicationId") + "-" + run)
                .with("sink.postgres.groupId", cfg.getString("sink.postgres.groupId") + "-" + run);
    }

    /** The topics this replay writes and reads. */
    public Topics topics() {
        return new Topics(cfg.getString("topics.prefix", ""));
    }

    /** Runs the replay of {@code inputs}, writing cleaned articles to {@code out}. */
    public Result run(List<Path> inputs, Path out) throws InterruptedException {
        try {
            return runOnce(inputs, out);
        } finally {
            Thread.interrupted();  // a late interrupt must not stop the clean-up (Kafka's admin calls would fail)
            if (!infra.embeddedKafka()) {
                String appId = cfg.getString("enrich.applicationId");
                KafkaSetup.deleteRunLeftovers(cfg, infra.bootstrapServers(),
                        List.of(cfg.getString("topics.prefix", ""), appId + "-"),
                        List.of(appId, cfg.getString("sink.postgres.groupId")));
            }
        }
    }

    private Result runOnce(List<Path> inputs, Path out) throws InterruptedException {
        long t0 = System.nanoTime();
        Topics topics = topics();
        String bootstrap = infra.bootstrapServers();
        KafkaSetup.createMissingTopics(cfg, bootstrap, topics);
        Duration idleTimeout = cfg.getDuration("replay.idleTimeout");

        PostgresSink sink = null;
        try (OutcomeTracker tracker = new OutcomeTracker(cfg, bootstrap, topics);
             EnrichRunner enrich = EnrichRunner.start(cfg, bootstrap, topics, registry)) {
            if (infra.dataSource().isPresent()) {
                DataSource ds = infra.dataSource().get();
                Migrations.migrate(ds);
                sink = new PostgresSink(cfg, PostgresSink.consumerConfig(cfg, bootstrap,
                        cfg.getString("sink.postgres.groupId")), topics, ds, registry);
                sink.start();
            }

            // Publish every input; remember each article's position to restore input order at the end.
            Map<String, Integer> order = new HashMap<>();
            long ingestRejected = 0;
            Map<String, Long> byReason = new TreeMap<>();
            int index = 0;
            try (RawPublisher publisher = new RawPublisher(RawPublisher.producerConfig(cfg, bootstrap), topics, registry)) {
                for (Path input : inputs) {
                    try (ArticleSource source = Sources.open(input, cfg)) {
                        while (source.hasNext()) {
                            if (Thread.interrupted()) {
                                throw stopped();
                            }
                            Ingested item = source.next();
                            if (item instanceof Ingested.Article a) {
                                order.put(a.article().ingestId(), index++);
                            } else if (item instanceof Ingested.Failure f) {
                                ingestRejected++;
                                byReason.merge(f.rejected().reason().code().code(), 1L, Long::sum);
                            }
                            publisher.publish(item);
                        }
                    } catch (PublishException | Stopped e) {
                        throw e;  // the broker refused, or the replay is stopping: not the input's fault
                    } catch (InterruptException e) {
                        Thread.interrupted();
                        throw stopped();
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot read input " + input + ": " + e.getMessage(), e);
                    }
                }
                pollOrStop(publisher::flush);
            }
            progress.printf("published %d articles (%d inputs rejected at ingest); waiting for the pipeline ...%n",
                    order.size(), ingestRejected);

            // Wait until every published article is accounted for.
            CleanArticle[] cleaned = new CleanArticle[order.size()];
            Set<String> pending = new LinkedHashSet<>(order.keySet());
            long[] rejected = {0};
            long lastProgress = System.nanoTime();
            long lastReport = System.nanoTime();
            while (!pending.isEmpty()) {
                if (enrich.failure() != null) {
                    throw new IllegalStateException("the enrich topology failed: " + enrich.failure(), enrich.failure());
                }
                int before = pending.size();
                pollOrStop(() -> tracker.poll(Duration.ofMillis(200),
                        (id, article) -> {
                            if (id != null && pending.remove(id)) {
                                cleaned[order.get(id)] = article;
                            }
                        },
                        (id, rej) -> {
                            if (id != null && pending.remove(id)) {
                                rejected[0]++;
                                byReason.merge(rej.reason().code().code(), 1L, Long::sum);
                            }
                        }));
                long now = System.nanoTime();
                if (pending.size() < before) {  // progress is inputs accounted for, not records read
                    lastProgress = now;
                } else if (now - lastProgress > idleTimeout.toNanos()) {
                    throw new IllegalStateException(String.format(
                            "no progress for %s: %d of %d inputs still unaccounted for (enrich state %s)",
                            idleTimeout, pending.size(), order.size(), enrich.state()));
                }
                if (now - lastReport > 2_000_000_000L) {
                    progress.printf("  accounted for %d of %d ...%n", order.size() - pending.size(), order.size());
                    lastReport = now;
                }
            }

            long rows = -1;
            if (sink != null) {
                Map<TopicPartition, Long> end = tracker.cleanEndOffsets();
                if (!sink.awaitPosition(end, idleTimeout)) {
                    throw new IllegalStateException("the PostgreSQL sink did not catch up within " + idleTimeout);
                }
                rows = sink.rowsWritten();
            }

            List<CleanArticle> articles = new ArrayList<>();
            for (CleanArticle a : cleaned) {
                if (a != null) {
                    articles.add(a);
                }
            }
            writeJsonl(articles, out);
            long stories = articles.stream().map(CleanArticle::storyId).distinct().count();
            return new Result(order.size() + ingestRejected, articles.size(), rejected[0] + ingestRejected, stories,
                    byReason, Duration.ofNanos(System.nanoTime() - t0), rows);
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
    }

    /** Writes one JSON object a line, atomically (a temporary file renamed over the target). */
    static void writeJsonl(List<CleanArticle> articles, Path out) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".rewire-replay", ".jsonl");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (CleanArticle a : articles) {
                    w.write(Json.write(a));
                    w.write('\n');
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
