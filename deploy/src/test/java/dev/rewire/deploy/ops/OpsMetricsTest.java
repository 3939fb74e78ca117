package dev.rewire.deploy.ops;

import static dev.rewire.deploy.ops.OpsFiles.at;
import static dev.rewire.deploy.ops.OpsFiles.list;
import static dev.rewire.deploy.ops.OpsFiles.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.metrics.Metrics;
import dev.rewire.enrich.EnrichTopology;
import dev.rewire.enrich.clean.BoilerplateMeters;
import dev.rewire.ingest.fetch.BlockedAddressException;
import dev.rewire.ingest.fetch.PageFetcher;
import dev.rewire.ingest.frontier.Frontier;
import dev.rewire.ingest.publish.RawPublisher;
import dev.rewire.ingest.scrape.OutletSpec;
import dev.rewire.ingest.scrape.Scraper;
import dev.rewire.ingest.scrape.ScraperSettings;
import dev.rewire.model.Topics;
import dev.rewire.sink.file.JsonlFileSink;
import dev.rewire.sink.postgres.PostgresSink;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every metric name the Prometheus rules and the Grafana dashboard use is one the code really exports: the
 * stages' meters are registered here by the production classes themselves (the enrich topology with its
 * Kafka Streams client and binder, the ingest publisher, fetcher and scraper, the PostgreSQL and JSONL
 * sinks) on the registry every process serves ({@link Metrics#newRegistry()}), and its Prometheus scrape
 * is the reference. Meters created on first use are made to appear by using them: a fetch and a source
 * refused by the private-network guard (no network involved), a boilerplate rule firing. Label names in
 * selectors, aggregations and legends are checked against the scraped series too.
 */
class OpsMetricsTest {

    /** Labels Prometheus adds to every scraped series. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final Pattern METRIC = Pattern.compile("\\b((?:rewire|kafka|jvm|process|system)_[a-z0-9_]+|up)\\b");
    private static final Pattern SELECTOR = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|on|without|ignoring)\\s*\\(([^)]*)\\)");

    @TempDir
    static Path dataDir;

    /** Sample name (e.g. rewire_sink_rows_total) → label name → values seen. */
    private static final Map<String, Map<String, Set<String>>> SERIES = new TreeMap<>();
    private static String scrape;

    @BeforeAll
    static void registerEveryStagesMeters() throws Exception {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        RewireConfig cfg = RewireConfig.defaults().with("rewire.dataDir", dataDir.toString());
        Topics topics = new Topics("");
        String nowhere = "127.0.0.1:1"; // clients are built, never used: nothing connects
        List<AutoCloseable> open = new ArrayList<>();
        try {
            // enrich: the topology's meters, and the Kafka Streams client's metrics as EnrichRunner binds them.
            KafkaStreams streams = new KafkaStreams(EnrichTopology.build(cfg, topics, registry),
                    EnrichTopology.streamsConfig(cfg, nowhere));
            open.add(() -> streams.close(Duration.ofSeconds(10)));
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            open.add(streamsMetrics);
            new BoilerplateMeters(registry).record(Map.of("ops-files-rule", 1));

            // ingest: publisher, fetcher, scraper.
            RawPublisher publisher = new RawPublisher(RawPublisher.producerConfig(cfg, nowhere), topics, registry);
            open.add(publisher);
            PageFetcher fetcher = new PageFetcher(cfg, registry);
            try {
                fetcher.fetch(URI.create("http://127.0.0.1:1/"));
            } catch (BlockedAddressException expected) {
                // refused before connecting: counted in rewire.ingest.fetch.requests{outcome="refused"}
            }
            RewireConfig impolite = cfg.with("ingest.politeness.enabled", "false");
            Scraper scraper = new Scraper(ScraperSettings.fromConfig(impolite), fetcher,
                    Frontier.inMemory(Duration.ofDays(1), 100, Clock.systemUTC()),
                    List.of(new OutletSpec("ops", List.of("http://127.0.0.1:1/feed.xml"), Duration.ofMinutes(1), null, null)),
                    item -> CompletableFuture.completedFuture(null), registry, null, "OpsFilesTest/1");
            open.add(scraper::close);
            scraper.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (registry.find("rewire.ingest.failures").counter() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(registry.find("rewire.ingest.failures").counter()).as("the scraper counted its refused source").isNotNull();

            // sink: both sinks (their meters are registered when they are built; nothing is started).
            open.add(new PostgresSink(cfg, PostgresSink.consumerConfig(cfg, nowhere, cfg.getString("sink.postgres.groupId")),
                    topics, new PGSimpleDataSource(), registry));
            open.add(new JsonlFileSink(cfg, JsonlFileSink.consumerConfig(cfg, nowhere, cfg.getString("sink.file.groupId")),
                    topics, registry));

            scrape = registry.scrape();
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
            registry.close();
        }
        Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+$");
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:\\\\.|[^\"\\\\])*)\"");
        for (String line : scrape.split("\n")) {
            Matcher m = sample.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, Set<String>> labels = SERIES.computeIfAbsent(m.group(1), k -> new TreeMap<>());
            if (m.group(2) != null) {
                Matcher l = label.matcher(m.group(2));
                while (l.find()) {
                    labels.computeIfAbsent(l.group(1), k -> new TreeSet<>()).add(l.group(2));
                }
            }
        }
    }

    @AfterAll
    static void clear() {
        SERIES.clear();
    }

    @Test
    void theScrapeHoldsEveryStagesMeters() {
        assertThat(SERIES).containsKeys("rewire_enrich_read_total", "rewire_enrich_stories_buffered",
                "kafka_stream_client_state", "rewire_ingest_fetch_requests_total", "rewire_ingest_failures_total",
                "rewire_sink_rows_total", "jvm_memory_used_bytes");
    }

    @Test
    void everyMetricTheAlertRulesUseIsExported() {
        Map<String, String> exprs = new LinkedHashMap<>();
        Map<String, List<String>> annotationLabels = new LinkedHashMap<>();
        for (Object group : list(OpsFiles.yamlMap(OpsFiles.RULES).get("groups"))) {
            for (Object rule : list(at(group, "rules"))) {
                String alert = str(at(rule, "alert"));
                exprs.put(alert, str(at(rule, "expr")));
                List<String> labels = new ArrayList<>();
                Matcher m = Pattern.compile("\\$labels\\.(\\w+)").matcher(String.valueOf(at(rule, "annotations")));
                while (m.find()) {
                    labels.add(m.group(1));
                }
                annotationLabels.put(alert, labels);
            }
        }
        Set<String> used = checkExpressions(exprs);
        assertThat(used).contains("rewire_enrich_rejected_total", "rewire_sink_retries_total", "kafka_stream_client_state",
                "rewire_enrich_stories_buffered", "rewire_ingest_failures_total", "rewire_ingest_fetch_requests_total");
        // An aggregated alert keeps only its grouping labels: its annotations may name no others.
        for (var e : exprs.entrySet()) {
            Set<String> kept = groupingLabels(e.getValue());
            if (!kept.isEmpty()) {
                assertThat(kept).as("labels %s of %s's annotations kept by its expression", annotationLabels.get(e.getKey()), e.getKey())
                        .containsAll(annotationLabels.get(e.getKey()));
            }
        }
    }

    @Test
    void everyMetricTheDashboardUsesIsExported() throws IOException {
        JsonNode dash = new ObjectMapper().readTree(OpsFiles.DASHBOARD.toFile());
        Map<String, String> exprs = new LinkedHashMap<>();
        for (JsonNode p : dash.path("panels")) {
            for (JsonNode t : p.path("targets")) {
                String where = p.path("title").asText() + " / " + t.path("refId").asText();
                String expr = t.path("expr").asText();
                exprs.put(where, expr);
                // A legend names labels the query keeps.
                Matcher m = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}").matcher(t.path("legendFormat").asText());
                while (m.find()) {
                    assertThat(groupingLabels(expr)).as("legend label %s of %s", m.group(1), where).contains(m.group(1));
                }
            }
        }
        Set<String> used = checkExpressions(exprs);
        assertThat(used).contains("rewire_enrich_read_total", "rewire_enrich_clean_total", "rewire_enrich_rejected_total",
                "rewire_enrich_relation_total", "rewire_enrich_stories_assign_seconds_sum", "rewire_enrich_stories_candidates_sum",
                "rewire_enrich_stories_index_stories", "rewire_enrich_stories_buffered", "rewire_sink_rows_total",
                "rewire_sink_retries_total", "rewire_ingest_fetch_requests_total", "rewire_ingest_failures_total",
                "jvm_memory_used_bytes");
    }

    @Test
    void theEnrichStateValuesAreKafkaStreamsStateOrdinals() throws IOException {
        // rules.yml: "!= 2" means not RUNNING; the dashboard maps 0..6 to the state names.
        assertThat(KafkaStreams.State.RUNNING.ordinal()).isEqualTo(2);
        assertThat(scrape).containsPattern("(?m)^kafka_stream_client_state\\{[^}]*} " + KafkaStreams.State.CREATED.ordinal() + "\\.0$");
        JsonNode dash = new ObjectMapper().readTree(OpsFiles.DASHBOARD.toFile());
        for (JsonNode p : dash.path("panels")) {
            if (p.path("targets").toString().contains("kafka_stream_client_state")) {
                JsonNode options = p.path("fieldConfig").path("defaults").path("mappings").get(0).path("options");
                for (KafkaStreams.State s : KafkaStreams.State.values()) {
                    assertThat(options.path(String.valueOf(s.ordinal())).path("text").asText()).isEqualTo(s.name());
                }
            }
        }
    }

    /**
     * Checks every expression's metric names and label matchers against the scrape; returns the names used.
     * Fails listing every problem at once.
     */
    private static Set<String> checkExpressions(Map<String, String> exprs) {
        Set<String> used = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (var e : exprs.entrySet()) {
            String expr = e.getValue();
            String code = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
            Set<String> names = new TreeSet<>();
            Matcher m = METRIC.matcher(code);
            while (m.find()) {
                names.add(m.group(1));
            }
            if (names.isEmpty()) {
                problems.add(e.getKey() + ": no metric in " + expr);
            }
            for (String name : names) {
                if (!name.equals("up") && !SERIES.containsKey(name)) {
                    problems.add(e.getKey() + ": " + name + " is not exported");
                }
            }
            used.addAll(names);
            // Selectors: label names exist on the metric; an exact value is one the code emits.
            Matcher s = SELECTOR.matcher(expr);
            while (s.find()) {
                Map<String, Set<String>> labels = SERIES.getOrDefault(s.group(1), Map.of());
                Matcher lm = MATCHER.matcher(s.group(2));
                while (lm.find()) {
                    String label = lm.group(1);
                    if (TARGET_LABELS.contains(label)) {
                        continue;
                    }
                    if (!labels.containsKey(label)) {
                        problems.add(e.getKey() + ": " + s.group(1) + " has no label " + label + " (has " + labels.keySet() + ")");
                    } else if (lm.group(2).equals("=") && !labels.get(label).contains(lm.group(3))) {
                        problems.add(e.getKey() + ": " + s.group(1) + "{" + label + "} is never \"" + lm.group(3)
                                + "\" (seen " + labels.get(label) + ")");
                    }
                }
            }
            // Grouping labels exist on one of the expression's metrics.
            for (String label : groupingLabels(expr)) {
                if (TARGET_LABELS.contains(label) || label.equals("le")) {
                    continue;
                }
                if (names.stream().noneMatch(n -> SERIES.getOrDefault(n, Map.of()).containsKey(label))) {
                    problems.add(e.getKey() + ": no metric of " + names + " has label " + label);
                }
            }
        }
        assertThat(problems).as("problems with metric names and labels").isEmpty();
        return used;
    }

    /** The labels in every by/on/without/ignoring clause of {@code expr}. */
    private static Set<String> groupingLabels(String expr) {
        Set<String> out = new TreeSet<>();
        Matcher m = GROUPING.matcher(expr);
        while (m.find()) {
            for (String l : m.group(1).split(",")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
        }
        return out;
    }
}
