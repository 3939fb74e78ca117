package dev.rewire.deploy.pipeline;

import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.local.Infrastructure;
import dev.rewire.deploy.metrics.Metrics;
import dev.rewire.deploy.metrics.MetricsServer;
import dev.rewire.model.Topics;
import dev.rewire.sink.BatchingSink;
import dev.rewire.sink.file.JsonlFileSink;
import dev.rewire.sink.postgres.Migrations;
import dev.rewire.sink.postgres.PostgresSink;
import dev.rewire.sink.web.WebConfig;
import dev.rewire.sink.web.WebServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-running Rewire process: the chosen stages (ingest, enrich, sink) on one set of infrastructure,
 * with a metrics endpoint. {@code run} starts all three, {@code ingest}/{@code enrich}/{@code sink} one
 * each, {@code demo} all three plus the demo newsroom. Parts are closed in reverse order of start.
 */
public final class PipelineProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineProcess.class);

    /** The stages a process can run. */
    public enum Stage { INGEST, ENRICH, SINK }

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final PrometheusMeterRegistry registry;
    private Infrastructure infra;
    private EnrichRunner enrich;
    private IngestLoop ingest;
    /** The running sinks: a sink that stopped (a database down longer than its retries) fails the process. */
    private final List<BatchingSink> sinks = new ArrayList<>();
    private MetricsServer metricsServer;
    private WebServer webServer;
    private Path jsonlFile;

    private PipelineProcess(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Starts the given stages.
     *
     * @param urlLists extra URL lists for the ingest stage to poll (the demo passes its newsroom's)
     * @param say      progress output, one line per step
     */
    public static PipelineProcess start(RewireConfig cfg, Set<Stage> stages, List<URI> urlLists, Consumer<String> say) {
        PipelineProcess p = new PipelineProcess(Metrics.newRegistry());
        try {
            p.startParts(cfg, stages.isEmpty() ? EnumSet.allOf(Stage.class) : stages, urlLists, say);
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private void startParts(RewireConfig cfg, Set<Stage> stages, List<URI> urlLists, Consumer<String> say) {
        boolean postgres = stages.contains(Stage.SINK) && cfg.getBoolean("sink.postgres.enabled");
        infra = Infrastructure.start(cfg, postgres, say);
        toClose.push(infra);
        Topics topics = new Topics(cfg.getString("topics.prefix", ""));
        KafkaSetup.ensureTopics(cfg, infra.bootstrapServers(), topics);

        if (cfg.getBoolean("metrics.enabled")) {
            // A taken port: on one's own machine (embedded broker: demo, local run) a second process moves to a
            // free port; in a deployment the bind error stops it, rather than health checks failing on the port.
            metricsServer = infra.embeddedKafka()
                    ? MetricsServer.startOrFallBack(cfg.getString("metrics.host"), cfg.getInt("metrics.port"),
                            registry, this::healthy, say)
                    : MetricsServer.start(cfg.getString("metrics.host"), cfg.getInt("metrics.port"), registry,
                            this::healthy);
            toClose.push(metricsServer);
            say.accept("Metrics: " + metricsServer.metricsUri());
        }
        if (stages.contains(Stage.ENRICH)) {
            enrich = EnrichRunner.start(cfg, infra.bootstrapServers(), topics, registry);
            toClose.push(enrich);
            say.accept("Enrich: Kafka Streams application '" + cfg.getString("enrich.applicationId") + "' started");
        }
        if (stages.contains(Stage.SINK)) {
            if (postgres) {
                var ds = infra.dataSource().orElseThrow();
                Migrations.migrate(ds);
                PostgresSink sink = new PostgresSink(cfg, PostgresSink.consumerConfig(cfg, infra.bootstrapServers(),
                        cfg.getString("sink.postgres.groupId")), topics, ds, registry);
                sink.start();
                toClose.push(sink);
                sinks.add(sink);
                say.accept("Sink: PostgreSQL " + infra.databaseDescription());
                if (cfg.getBoolean("web.enabled")) {
                    webServer = startWeb(cfg, ds, say);
                    toClose.push(webServer);
                    say.accept("Dashboard: " + webServer.printableDashboardUri());
                    say.accept("Feeds: " + webServer.uri().resolve("/feed.json") + "  " + webServer.uri().resolve("/feed.atom")
                            + "  live: " + webServer.uri().resolve("/api/stream"));
                }
            }
            if (cfg.getBoolean("sink.file.enabled")) {
                JsonlFileSink file = new JsonlFileSink(cfg, JsonlFileSink.consumerConfig(cfg, infra.bootstrapServers(),
                        cfg.getString("sink.file.groupId")), topics, registry);
                file.start();
                toClose.push(file);
                sinks.add(file);
                jsonlFile = cfg.getPath("sink.file.path", true);
                say.accept("Sink: JSONL file " + jsonlFile.toAbsolutePath());
            }
        }
        if (stages.contains(Stage.INGEST)) {
            ingest = IngestLoop.start(cfg, infra.bootstrapServers(), topics, registry, urlLists);
            toClose.push(ingest);
            say.accept("Ingest: " + ingest.describe());
        }
    }

    private WebServer startWeb(RewireConfig cfg, javax.sql.DataSource ds, Consumer<String> say) {
        WebConfig web = WebConfig.fromConfig(cfg);
        try {
            return WebServer.start(web, ds, registry);
        } catch (java.io.UncheckedIOException e) {
            if (web.port() == 0 || !infra.embeddedKafka()) {  // as for metrics above: fall back only locally
                throw e;
            }
            say.accept("Web: port " + web.port() + " is busy (" + e.getMessage() + "); using a free port");
            return WebServer.start(web.withPort(0), ds, registry);
        }
    }

    /** The dashboard and feed server, or null when it is not running. */
    public WebServer webServer() {
        return webServer;
    }

    /** True while every running part is healthy. */
    public boolean healthy() {
        return (enrich == null || enrich.healthy()) && failure() == null;
    }

    /**
     * The first fatal error of a part, or null. A stopped sink counts: without it the feed and dashboard
     * would go on serving frozen data while the process looked alive.
     */
    public Throwable failure() {
        if (enrich != null && enrich.failure() != null) {
            return enrich.failure();
        }
        if (ingest != null && ingest.failure() != null) {
            return ingest.failure();
        }
        for (BatchingSink sink : sinks) {
            if (sink.failure().isPresent()) {
                return sink.failure().get();
            }
        }
        return null;
    }

    /** The metrics endpoint, or null when metrics are off. */
    public URI metricsUri() {
        return metricsServer == null ? null : metricsServer.metricsUri();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Infrastructure infrastructure() {
        return infra;
    }

    /** One line of counters: what came in, what came out. */
    public String statusLine() {
        return String.format("read %d | clean %d | rejected %d | stories %d | db rows %d | file lines %d | enrich %s"
                        + " | fetches %d",
                count("rewire.enrich.read"), count("rewire.enrich.clean"), count("rewire.enrich.rejected"),
                count("rewire.enrich.stories"), count("rewire.sink.rows", "postgres"), count("rewire.sink.rows", "file"),
                enrich == null ? "-" : enrich.state(), count("rewire.ingest.fetch.requests"));
    }

    private long count(String name) {
        return (long) Search.in(registry).name(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private long count(String name, String sink) {
        return (long) Search.in(registry).name(name).tag("sink", sink).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        while (!toClose.isEmpty()) {
            AutoCloseable c = toClose.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
