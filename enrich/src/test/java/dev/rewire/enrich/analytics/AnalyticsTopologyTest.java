package dev.rewire.enrich.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.JsonSerde;
import dev.rewire.model.OutletStats;
import dev.rewire.model.Relation;
import dev.rewire.model.RewriteEdgeStats;
import dev.rewire.model.RewriteEvent;
import dev.rewire.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analytics windows, driven through the whole sub-topology with TopologyTestDriver. */
class AnalyticsTopologyTest {

    static final Instant T0 = Instant.parse("2031-04-02T08:00:00Z"); // a window start (1 h windows)
    final Topics topics = Topics.defaults();

    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    TestInputTopic<String, CleanArticle> clean;
    TestInputTopic<String, RewriteEvent> rewrites;
    TestOutputTopic<String, OutletStats> outlets;
    TestOutputTopic<String, RewriteEdgeStats> edges;

    void start(String emit) {
        AnalyticsConfig cfg = AnalyticsConfig.fromConfig(RewireConfig.defaults().with(Map.of(
                "analytics.window", "1h", "analytics.grace", "10m", "analytics.emit", emit)));
        StreamsBuilder builder = new StreamsBuilder();
        AnalyticsTopology.addTo(builder, cfg, topics);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0"); // every update visible
        driver = new TopologyTestDriver(builder.build(), props);
        clean = driver.createInputTopic(topics.clean(), new StringSerializer(), JsonSerde.of(CleanArticle.class).serializer());
        rewrites = driver.createInputTopic(topics.rewrites(), new StringSerializer(), JsonSerde.of(RewriteEvent.class).serializer());
        outlets = driver.createOutputTopic(topics.analyticsOutlets(), new StringDeserializer(),
                JsonSerde.of(OutletStats.class).deserializer());
        edges = driver.createOutputTopic(topics.analyticsEdges(), new StringDeserializer(),
                JsonSerde.of(RewriteEdgeStats.class).deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void outletWindowsCountArticlesOriginalsRewritesAndMedianLagOnEveryUpdate() {
        start("update");
        article("a1", "alpha", "s1", Relation.ORIGINAL, 0);
        article("b1", "beta", "s1", Relation.EXACT, 5);
        rewrite("b1", "s1", "beta", "alpha", 300, 5);
        article("b2", "beta", "s2", Relation.REWRITE, 20);
        rewrite("b2", "s2", "beta", "alpha", 900, 20);
        article("b3", "beta", "s3", Relation.ORIGINAL, 30);

        Map<String, OutletStats> latest = outlets.readKeyValuesToMap();
        String window = "|" + T0;
        assertThat(latest).containsOnlyKeys("alpha" + window, "beta" + window);
        assertThat(latest.get("alpha" + window)).isEqualTo(new OutletStats(1, "alpha", T0, T0.plusSeconds(3600), 1, 1, 0, null));
        // beta: three articles (one original, two followers), lags 300 and 900: the lower median is 300.
        assertThat(latest.get("beta" + window)).isEqualTo(new OutletStats(1, "beta", T0, T0.plusSeconds(3600), 3, 1, 2, 300L));

        Map<String, RewriteEdgeStats> edgeStats = edges.readKeyValuesToMap();
        assertThat(edgeStats).containsOnlyKeys("alpha->beta" + window);
        assertThat(edgeStats.get("alpha->beta" + window))
                .isEqualTo(new RewriteEdgeStats(1, "alpha", "beta", T0, T0.plusSeconds(3600), 2, 300L));
    }

    @Test
    void aRefetchUpdatesNoCountItIsAlreadyIn() {
        start("update");
        article("a1", "alpha", "s1", Relation.ORIGINAL, 0);
        CleanArticle again = new CleanArticle(1, "a1", "i-a1-again", "https://alpha.example/a1", null, "alpha",
                "t", null, null, null, "en", "text, corrected", 2, "s1", Relation.ORIGINAL, null, null, Map.of());
        clean.pipeInput(new TestRecord<>("a1", again, new RecordHeaders().add(CleanArticle.REFETCH_HEADER,
                "true".getBytes(StandardCharsets.UTF_8)), T0.plus(Duration.ofMinutes(10))));

        Map<String, OutletStats> latest = outlets.readKeyValuesToMap();
        assertThat(latest.get("alpha|" + T0).articles()).isEqualTo(1);
        assertThat(latest.get("alpha|" + T0).originals()).isEqualTo(1);
        var store = driver.<String, Long>getWindowStore(AnalyticsTopology.TRENDING_STORE);
        List<AnalyticsTopology.Trending> top = AnalyticsTopology.trending(store,
                AnalyticsConfig.fromConfig(RewireConfig.defaults()), T0.plus(Duration.ofMinutes(30)), 5);
        assertThat(top).singleElement().extracting(AnalyticsTopology.Trending::newMembers).isEqualTo(1L);
    }

    @Test
    void lateRecordsCountWithinTheGracePeriodAndAreDroppedAfterIt() {
        start("update");
        article("a1", "alpha", "s1", Relation.ORIGINAL, 10);
        article("a2", "alpha", "s2", Relation.ORIGINAL, 65);           // next window; stream time 09:05
        article("a3", "alpha", "s3", Relation.ORIGINAL, 5);            // late, within 10 min grace: counted
        article("a4", "alpha", "s4", Relation.ORIGINAL, 71);           // stream time 09:11: first window closed
        article("a5", "alpha", "s5", Relation.ORIGINAL, 15);           // too late: dropped

        List<KeyValue<String, OutletStats>> all = outlets.readKeyValuesToList();
        assertThat(all).extracting(kv -> kv.value.windowStart() + "=" + kv.value.articles()).containsExactly(
                T0 + "=1", T0.plusSeconds(3600) + "=1", T0 + "=2", T0.plusSeconds(3600) + "=2");
    }

    @Test
    void withEmitOnCloseEachWindowIsEmittedOnceAfterItsGracePeriod() {
        start("close");
        article("a1", "alpha", "s1", Relation.ORIGINAL, 0);
        article("b1", "beta", "s1", Relation.REWRITE, 30);
        rewrite("b1", "s1", "beta", "alpha", 1800, 30);
        assertThat(outlets.isEmpty()).isTrue();
        assertThat(edges.isEmpty()).isTrue();

        // Stream time passes the end of the first window plus the grace period (09:10).
        article("c1", "gamma", "s9", Relation.ORIGINAL, 71);
        rewrite("c1", "s9", "gamma", "gamma", 0, 71);
        Map<String, OutletStats> closed = outlets.readKeyValuesToMap();
        assertThat(closed).containsOnlyKeys("alpha|" + T0, "beta|" + T0);
        assertThat(closed.get("beta|" + T0).medianLagSeconds()).isEqualTo(1800L);
        assertThat(edges.readValuesToList()).extracting(RewriteEdgeStats::count).containsExactly(1L);
    }

    @Test
    void trendingStoriesAreThoseWithTheMostNewMembersInTheLastHour() {
        start("update");
        AnalyticsConfig cfg = AnalyticsConfig.fromConfig(RewireConfig.defaults());
        article("x1", "alpha", "old", Relation.ORIGINAL, 0);
        article("x2", "beta", "old", Relation.EXACT, 1);
        article("x3", "gamma", "old", Relation.EXACT, 2);
        article("y1", "alpha", "hot", Relation.ORIGINAL, 100);
        article("y2", "beta", "hot", Relation.REWRITE, 110);
        article("z1", "gamma", "cold", Relation.ORIGINAL, 115);

        var store = driver.<String, Long>getWindowStore(AnalyticsTopology.TRENDING_STORE);
        List<AnalyticsTopology.Trending> top = AnalyticsTopology.trending(store, cfg, T0.plus(Duration.ofMinutes(120)), 5);
        // The hour before 10:00 holds y1, y2, z1: the "old" story's members are outside it.
        assertThat(top).extracting(AnalyticsTopology.Trending::storyId).containsExactly("hot", "cold");
        assertThat(top.get(0).newMembers()).isEqualTo(2);
    }

    private void article(String id, String outlet, String story, Relation relation, long minutes) {
        CleanArticle a = new CleanArticle(1, id, "i-" + id, "https://" + outlet + ".example/" + id, null, outlet,
                "t", null, null, null, "en", "text", 1, story, relation, null, null, Map.of());
        clean.pipeInput(id, a, T0.plus(Duration.ofMinutes(minutes)));
    }

    private void rewrite(String id, String story, String outlet, String originalOutlet, long lag, long minutes) {
        rewrites.pipeInput(id, new RewriteEvent(1, id, story, "orig", Relation.REWRITE, 0.5, outlet, originalOutlet, lag),
                T0.plus(Duration.ofMinutes(minutes)));
    }
}
