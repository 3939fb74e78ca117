package dev.rewire.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.enrich.EnrichTopology;
import dev.rewire.enrich.Fixtures;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.JsonSerde;
import dev.rewire.model.Relation;
import dev.rewire.model.RewriteEvent;
import dev.rewire.model.Story;
import dev.rewire.model.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The story stage inside the whole enrich topology: relations, outputs, the reorder buffer, metrics. */
class StoryTopologyTest {

    private static final Instant T0 = Instant.parse("2031-06-05T08:00:00Z");

    @TempDir
    Path tempDir;

    private final Topics topics = Topics.defaults();
    private SimpleMeterRegistry registry;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, CleanArticle> clean;
    private TestOutputTopic<String, RewriteEvent> rewrites;
    private TestOutputTopic<String, Story> stories;

    private void start(String reorderWait) {
        RewireConfig config = RewireConfig.defaults()
                .with("enrich.stateDir", tempDir.toString())
                .with("stories.reorderWait", reorderWait);
        registry = new SimpleMeterRegistry();
        driver = new TopologyTestDriver(EnrichTopology.build(config, topics, registry),
                EnrichTopology.streamsConfig(config, "localhost:9092"));
        raw = driver.createInputTopic(topics.raw(), new StringSerializer(), new ByteArraySerializer());
        clean = driver.createOutputTopic(topics.clean(), new StringDeserializer(), JsonSerde.of(CleanArticle.class).deserializer());
        rewrites = driver.createOutputTopic(topics.rewrites(), new StringDeserializer(),
                JsonSerde.of(RewriteEvent.class).deserializer());
        stories = driver.createOutputTopic(topics.stories(), new StringDeserializer(), JsonSerde.of(Story.class).deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void pipe(String url, String outlet, String title, String text, Instant at) {
        raw.pipeInput(url, Fixtures.bytes(Fixtures.text(url, outlet, text, title, at)), at);
    }

    @Test
    void everyRelationComesOutWithItsStoryEventAndStoryUpdate() {
        start("0s");
        pipe("https://ledger.example/bridge", "Ledger", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE, T0);
        pipe("https://post.example/kessington", "Post", "Lorries barred from Kessington bridge", StoryTexts.OTHER_BRIDGE,
                T0.plusSeconds(60));
        pipe("https://courier.example/bridge", "Courier", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE, T0.plusSeconds(600));
        pipe("https://times.example/bridge", "Times", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE_EDITED, T0.plusSeconds(3600));
        pipe("https://echo.example/bridge", "Echo", "Weeks of detours as Varnley bridge closes", StoryTexts.BRIDGE_REWRITE,
                T0.plusSeconds(7200));

        List<CleanArticle> out = clean.readValuesToList();
        assertThat(out).extracting(CleanArticle::relation).containsExactly(Relation.ORIGINAL, Relation.ORIGINAL,
                Relation.EXACT, Relation.NEAR, Relation.REWRITE);
        String storyId = out.get(0).id();
        assertThat(out.get(1).storyId()).isEqualTo(out.get(1).id()).isNotEqualTo(storyId);
        assertThat(List.of(out.get(2), out.get(3), out.get(4))).extracting(CleanArticle::storyId).containsOnly(storyId);
        assertThat(out.get(4).similarity()).isBetween(0.25, 1.0);
        assertThat(out.get(4).duplicateOf()).isIn(out.get(0).id(), out.get(2).id(), out.get(3).id());

        List<RewriteEvent> events = rewrites.readValuesToList();
        assertThat(events).extracting(RewriteEvent::relation).containsExactly(Relation.EXACT, Relation.NEAR, Relation.REWRITE);
        assertThat(events).extracting(RewriteEvent::outlet).containsExactly("Courier", "Times", "Echo");
        assertThat(events.get(0).originalOutlet()).isEqualTo("Ledger");
        assertThat(events.get(2).lagSeconds()).isEqualTo(7200);

        List<Story> updates = stories.readValuesToList();
        assertThat(updates).hasSize(5);
        Story last = updates.get(4);
        assertThat(last.storyId()).isEqualTo(storyId);
        assertThat(last.memberCount()).isEqualTo(4);
        assertThat(last.outlets()).containsExactly("Ledger", "Courier", "Times", "Echo");
        assertThat(last.firstOutlet()).isEqualTo("Ledger");
        assertThat(last.title()).isEqualTo(StoryTexts.BRIDGE_TITLE);
        assertThat(last.firstSeenAt()).isEqualTo(T0);
        assertThat(last.lastSeenAt()).isEqualTo(T0.plusSeconds(7200));

        assertThat(registry.get(EnrichMetrics.RELATION).tag("relation", "rewrite").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(EnrichMetrics.STORIES).counter().count()).isEqualTo(2.0);
        assertThat(registry.get(StoryMetrics.CANDIDATES).summary().count()).isEqualTo(5);
        // One margin, the rewrite's (the copies are decided by hash and MinHash, the other bridge story found
        // no candidate), recorded shifted by one: above the bucket bound of the threshold itself.
        var margin = registry.get(StoryMetrics.SCORE_MARGIN).summary().takeSnapshot();
        assertThat(margin.count()).isEqualTo(1);
        assertThat(java.util.Arrays.stream(margin.histogramCounts()).filter(b -> b.bucket() == 1.0).findFirst()
                .orElseThrow().count()).as("decisions at or below the threshold").isZero();
        assertThat(margin.max()).isGreaterThan(1.0);
        assertThat(registry.get(StoryMetrics.ASSIGN).timer().count()).isEqualTo(5);
    }

    @Test
    void aPageOfOneGiantTokenDoesNotStopTheTopology() {
        start("0s");
        pipe("https://junk.example/giant", "Junk", "Giant", "Z" + "q".repeat(5_000_000), T0);
        pipe("https://ledger.example/bridge", "Ledger", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE, T0.plusSeconds(60));
        pipe("https://courier.example/bridge", "Courier", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE, T0.plusSeconds(120));
        List<CleanArticle> out = clean.readValuesToList();
        assertThat(out).extracting(CleanArticle::outlet).endsWith("Ledger", "Courier");
        assertThat(out.get(out.size() - 1).relation()).isEqualTo(Relation.EXACT);
    }

    @Test
    void aRefetchIsMarkedAndRecordTimesNeverGoBackwardsAfterTheReorder() {
        start("1s");
        Instant base = Instant.parse("2025-06-05T08:00:00Z");  // in the past: record times are not capped
        // Published 09:00 but its record time is 11:00; published 10:00, record time 10:00. The buffer
        // releases the 09:00 one first: its record time must not make the 10:00 one look late downstream.
        raw.pipeInput("https://post.example/kessington", Fixtures.bytes(Fixtures.text("https://post.example/kessington",
                "Post", StoryTexts.OTHER_BRIDGE, "Lorries barred from Kessington bridge", base.plusSeconds(3600))),
                base.plusSeconds(3 * 3600));
        raw.pipeInput("https://ledger.example/bridge", Fixtures.bytes(Fixtures.text("https://ledger.example/bridge",
                "Ledger", StoryTexts.BRIDGE, StoryTexts.BRIDGE_TITLE, base.plusSeconds(2 * 3600))), base.plusSeconds(2 * 3600));
        pipe("https://ledger.example/bridge", "Ledger", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE + "\n\nUpdated.",
                base.plusSeconds(2 * 3600));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        List<TestRecord<String, CleanArticle>> out = clean.readRecordsToList();
        assertThat(out).extracting(r -> r.value().outlet()).containsExactly("Post", "Ledger", "Ledger");
        List<Long> times = out.stream().map(r -> r.timestamp()).toList();
        assertThat(times).isSorted();
        assertThat(out.get(1).headers().lastHeader(CleanArticle.REFETCH_HEADER)).as("the first fetch").isNull();
        assertThat(out.get(2).headers().lastHeader(CleanArticle.REFETCH_HEADER)).as("the re-fetch").isNotNull();

        // A record stamped in the far future does not pin the ones after it there.
        raw.pipeInput("https://junk.example/future", Fixtures.bytes(Fixtures.text("https://junk.example/future", "Junk",
                StoryTexts.OTHER_BRIDGE + " Future.", "From the future", base.plusSeconds(4 * 3600))),
                Instant.parse("2999-01-01T00:00:00Z"));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        pipe("https://courier.example/bridge", "Courier", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE, base.plusSeconds(5 * 3600));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        List<TestRecord<String, CleanArticle>> later = clean.readRecordsToList();
        assertThat(later).extracting(r -> r.value().outlet()).containsExactly("Junk", "Courier");
        assertThat(Instant.ofEpochMilli(later.get(1).timestamp())).isBefore(Instant.parse("2100-01-01T00:00:00Z"));
    }

    @Test
    void articlesArrivingOutOfOrderAreAssignedInEventTimeOrderOnceTheStreamIsQuiet() {
        start("1s");
        // The rewrite arrives first although it was published two hours after the original.
        pipe("https://echo.example/bridge", "Echo", null, StoryTexts.BRIDGE_REWRITE, T0.plusSeconds(7200));
        pipe("https://ledger.example/bridge", "Ledger", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE, T0);
        assertThat(clean.isEmpty()).as("held in the reorder buffer").isTrue();
        assertThat(registry.get(StoryMetrics.BUFFERED).gauge().value()).isEqualTo(2.0);

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        List<CleanArticle> out = clean.readValuesToList();
        assertThat(out).extracting(CleanArticle::outlet).containsExactly("Ledger", "Echo");
        assertThat(out).extracting(CleanArticle::relation).containsExactly(Relation.ORIGINAL, Relation.REWRITE);
        assertThat(rewrites.readValue().lagSeconds()).isEqualTo(7200);
        assertThat(registry.get(StoryMetrics.BUFFERED).gauge().value()).isZero();
    }
}
