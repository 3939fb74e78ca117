package dev.rewire.enrich.analytics;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.JsonSerde;
import dev.rewire.model.OutletStats;
import dev.rewire.model.Relation;
import dev.rewire.model.RewriteEdgeStats;
import dev.rewire.model.RewriteEvent;
import dev.rewire.model.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindowedKStream;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The analytics sub-topology of the enrich application, fed by the pipeline's own output topics:
 *
 * <pre>
 * news.clean    ─► outlet-article ─┐
 * news.rewrites ─► outlet-lag ─────┴► by outlet (repartition) ─► window [analytics-outlet-windows] ─► news.analytics.outlets
 * news.rewrites ─► edge-key ─► by edge (repartition) ─► window [analytics-edge-windows] ─► news.analytics.edges
 * news.clean    ─► story-key ─► by story (repartition) ─► hopping count [analytics-trending-stories]   (queried: {@link #trending})
 * </pre>
 *
 * <p>Windows are tumbling ({@code analytics.window}) on the records' timestamps — an article and its
 * RewriteEvent carry the timestamp of the raw record they came from — with a grace period
 * ({@code analytics.grace}) for late records; a record later than that is dropped (Kafka Streams counts
 * it in its dropped-records metric). With {@code analytics.emit=update} every change re-emits the window's
 * current stats (the latest record per key is the truth); with {@code close} each window is emitted once,
 * when it closes. Keys: {@code outlet|windowStart} and {@code firstOutlet->rewritingOutlet|windowStart}
 * (ISO-8601). Medians are over the latest {@code analytics.maxLagSamples} lags of a window.
 *
 * <p>Reading the output topics (not the story stage's internal stream) keeps this sub-topology independent
 * of how stories are found; it costs one extra read of {@code news.clean}, which is cheap next to cleaning.
 * Every processor, store and repartition topic is named, so internal topic names stay stable.
 */
public final class AnalyticsTopology {

    /** Window store of the per-outlet tallies. */
    public static final String OUTLET_STORE = "analytics-outlet-windows";
    /** Window store of the per-edge tallies. */
    public static final String EDGE_STORE = "analytics-edge-windows";
    /** Hopping-window store of new members per story: the trending stories. */
    public static final String TRENDING_STORE = "analytics-trending-stories";

    private AnalyticsTopology() {
    }

    /** Adds the analytics sub-topology to {@code builder} unless {@code analytics.enabled=false}. */
    public static void addTo(StreamsBuilder builder, RewireConfig config, Topics topics) {
        addTo(builder, AnalyticsConfig.fromConfig(config), topics);
    }

    /** Adds the analytics sub-topology to {@code builder} unless disabled. */
    public static void addTo(StreamsBuilder builder, AnalyticsConfig cfg, Topics topics) {
        if (!cfg.enabled()) {
            return;
        }
        Serde<String> keys = Serdes.String();
        // Re-fetches (their header set by the story stage) update an article already counted: not counted again.
        KStream<String, CleanArticle> clean = builder.stream(topics.clean(),
                        Consumed.with(keys, JsonSerde.of(CleanArticle.class)).withName("analytics-clean-source"))
                .processValues(FirstFetches::new, Named.as("analytics-first-fetches"));
        KStream<String, RewriteEvent> rewrites = builder.stream(topics.rewrites(),
                Consumed.with(keys, JsonSerde.of(RewriteEvent.class)).withName("analytics-rewrites-source"));

        // --- per outlet: articles and originals from news.clean, lags from news.rewrites, one aggregate.
        KStream<String, Observation> articleFacts = clean
                .filter((k, a) -> a != null && a.outlet() != null, Named.as("analytics-outlet-articles"))
                .map((k, a) -> KeyValue.pair(a.outlet(), new Observation(true,
                        a.relation() == null || a.relation() == Relation.ORIGINAL, null)), Named.as("analytics-outlet-article"));
        KStream<String, Observation> lagFacts = rewrites
                .filter((k, e) -> e != null && e.outlet() != null, Named.as("analytics-outlet-rewrites"))
                .map((k, e) -> KeyValue.pair(e.outlet(), new Observation(false, false, e.lagSeconds())),
                        Named.as("analytics-outlet-lag"));
        TimeWindowedKStream<String, Observation> byOutlet = articleFacts
                .merge(lagFacts, Named.as("analytics-outlet-facts"))
                .groupByKey(Grouped.with("analytics-by-outlet", keys, JsonSerde.of(Observation.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(cfg.window(), cfg.grace()));
        if (cfg.finalOnly()) {
            byOutlet = byOutlet.emitStrategy(EmitStrategy.onWindowClose());
        }
        byOutlet.aggregate(() -> OutletTally.EMPTY, (outlet, o, t) -> add(t, o, cfg.maxLagSamples()),
                        Named.as("analytics-outlet-aggregate"),
                        Materialized.<String, OutletTally, WindowStore<Bytes, byte[]>>as(OUTLET_STORE)
                                .withKeySerde(keys).withValueSerde(JsonSerde.of(OutletTally.class)))
                .toStream(Named.as("analytics-outlet-updates"))
                .filter((w, t) -> t != null, Named.as("analytics-outlet-nonnull"))
                .map((w, t) -> KeyValue.pair(w.key() + "|" + Instant.ofEpochMilli(w.window().start()),
                        outletStats(w, t)), Named.as("analytics-outlet-stats"))
                .to(topics.analyticsOutlets(), Produced.with(keys, JsonSerde.of(OutletStats.class))
                        .withName("analytics-outlets-sink"));

        // --- edges: first outlet → the outlet that copied or rewrote it.
        TimeWindowedKStream<String, RewriteEvent> byEdge = rewrites
                .filter((k, e) -> e != null && e.outlet() != null && e.originalOutlet() != null,
                        Named.as("analytics-edge-valid"))
                .selectKey((k, e) -> edgeKey(e.originalOutlet(), e.outlet()), Named.as("analytics-edge-key"))
                .groupByKey(Grouped.with("analytics-by-edge", keys, JsonSerde.of(RewriteEvent.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(cfg.window(), cfg.grace()));
        if (cfg.finalOnly()) {
            byEdge = byEdge.emitStrategy(EmitStrategy.onWindowClose());
        }
        byEdge.aggregate(() -> EdgeTally.EMPTY,
                        (edge, e, t) -> new EdgeTally(e.originalOutlet(), e.outlet(), t.count() + 1, LagSamples.add(t.lagSamples(), e.lagSeconds(),
                                cfg.maxLagSamples())),
                        Named.as("analytics-edge-aggregate"),
                        Materialized.<String, EdgeTally, WindowStore<Bytes, byte[]>>as(EDGE_STORE)
                                .withKeySerde(keys).withValueSerde(JsonSerde.of(EdgeTally.class)))
                .toStream(Named.as("analytics-edge-updates"))
                .filter((w, t) -> t != null, Named.as("analytics-edge-nonnull"))
                .map((w, t) -> KeyValue.pair(w.key() + "|" + Instant.ofEpochMilli(w.window().start()),
                        edgeStats(w, t)), Named.as("analytics-edge-stats"))
                .to(topics.analyticsEdges(), Produced.with(keys, JsonSerde.of(RewriteEdgeStats.class))
                        .withName("analytics-edges-sink"));

        // --- trending: new members per story over the last trendingWindow, refreshed every trendingAdvance.
        clean.filter((k, a) -> a != null && a.storyId() != null, Named.as("analytics-story-valid"))
                .selectKey((k, a) -> a.storyId(), Named.as("analytics-story-key"))
                .groupByKey(Grouped.with("analytics-by-story", keys, JsonSerde.of(CleanArticle.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(cfg.trendingWindow(), cfg.grace()).advanceBy(cfg.trendingAdvance()))
                .count(Named.as("analytics-trending-count"),
                        Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(TRENDING_STORE)
                                .withKeySerde(keys).withValueSerde(Serdes.Long()));
    }

    /** Passes on the news.clean records that are not re-fetches ({@link CleanArticle#REFETCH_HEADER}). */
    private static final class FirstFetches implements FixedKeyProcessor<String, CleanArticle, CleanArticle> {
        private FixedKeyProcessorContext<String, CleanArticle> context;

        @Override
        public void init(FixedKeyProcessorContext<String, CleanArticle> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, CleanArticle> record) {
            if (record.headers().lastHeader(CleanArticle.REFETCH_HEADER) == null) {
                context.forward(record);
            }
        }
    }

    /** One trending story: its new members in the hopping window that ended last by the asked time. */
    public record Trending(String storyId, long newMembers, Instant windowStart) {
    }

    /**
     * The {@code n} stories with the most new members in the latest trending window (one
     * {@code analytics.trendingWindow} long) that has ended by {@code now} (ties by story id), from the {@link #TRENDING_STORE} of a running application or a test driver.
     */
    public static List<Trending> trending(ReadOnlyWindowStore<String, Long> store, AnalyticsConfig cfg, Instant now,
                                          int n) {
        // The latest window that has ended by now: it starts in (now - size - advance, now - size].
        Instant to = now.minus(cfg.trendingWindow());
        Instant from = to.minus(cfg.trendingAdvance()).plusMillis(1);
        Map<String, Trending> best = new HashMap<>();
        long latestStart = Long.MIN_VALUE;
        try (var it = store.fetchAll(from, to)) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Long> kv = it.next();
                latestStart = Math.max(latestStart, kv.key.window().start());
            }
        }
        if (latestStart == Long.MIN_VALUE) {
            return List.of();
        }
        Instant start = Instant.ofEpochMilli(latestStart);
        try (var it = store.fetchAll(start, start)) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Long> kv = it.next();
                best.put(kv.key.key(), new Trending(kv.key.key(), kv.value, start));
            }
        }
        List<Trending> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingLong(Trending::newMembers).reversed().thenComparing(Trending::storyId));
        return out.size() > n ? List.copyOf(out.subList(0, n)) : List.copyOf(out);
    }

    static String edgeKey(String firstOutlet, String rewritingOutlet) {
        return firstOutlet + "->" + rewritingOutlet;
    }

    private static OutletTally add(OutletTally t, Observation o, int maxSamples) {
        if (o.article()) {
            return new OutletTally(t.articles() + 1, t.originals() + (o.original() ? 1 : 0),
                    t.rewrites() + (o.original() ? 0 : 1), t.lagSamples());
        }
        return new OutletTally(t.articles(), t.originals(), t.rewrites(),
                LagSamples.add(t.lagSamples(), o.lagSeconds() == null ? 0 : o.lagSeconds(), maxSamples));
    }

    private static OutletStats outletStats(Windowed<String> w, OutletTally t) {
        return new OutletStats(OutletStats.SCHEMA_VERSION, w.key(), Instant.ofEpochMilli(w.window().start()),
                Instant.ofEpochMilli(w.window().end()), t.articles(), t.originals(), t.rewrites(),
                LagSamples.median(t.lagSamples()));
    }

    private static RewriteEdgeStats edgeStats(Windowed<String> w, EdgeTally t) {
        return new RewriteEdgeStats(RewriteEdgeStats.SCHEMA_VERSION, t.firstOutlet(), t.rewritingOutlet(), Instant.ofEpochMilli(w.window().start()),
                Instant.ofEpochMilli(w.window().end()), t.count(), LagSamples.median(t.lagSamples()));
    }
}
