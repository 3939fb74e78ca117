package dev.rewire.enrich.stories;

import static dev.rewire.enrich.stories.StoryRetentionTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Relation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The story node's reorder buffer on its own ({@link StoryProcessor}, in-memory stores): releases in event-time
 * order, in slices that resume at the next article or tick, and fetches of one URL in arrival order.
 */
class StoryReorderBufferTest {

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private long offset;
    private long wall = T0.toEpochMilli();

    /** A processor waiting 1 s for quiet, releasing {@code slice} worth of articles per call. */
    private StoryProcessor start(Duration slice) {
        StoryRetentionTest.addStores(context);
        context.setCurrentSystemTimeMs(wall);
        StoryProcessor p = new StoryProcessor(StoryParams.defaults().withReorderWait(Duration.ofSeconds(1)),
                Duration.ZERO, slice, new EnrichMetrics(registry), new StoryMetrics(registry));
        p.init(context);
        return p;
    }

    private void arrive(StoryProcessor p, CleanArticle a, Duration publishedAfterT0) {
        CleanArticle timed = StoryRetentionTest.at(a, publishedAfterT0);
        context.setRecordMetadata("rewire-enrich-by-story-index-repartition", 0, offset++);
        p.process(new Record<>(a.id(), FingerprintedArticle.of(timed, wall), wall));
    }

    /** Wall clock forward by {@code millis}, then every scheduled punctuator once. */
    private void tick(long millis) {
        wall += millis;
        context.setCurrentSystemTimeMs(wall);
        context.scheduledPunctuators().forEach(c -> c.getPunctuator().punctuate(wall));
    }

    private List<CleanArticle> released() {
        List<CleanArticle> out = context.forwarded().stream().map(f -> f.record().value())
                .filter(CleanArticle.class::isInstance).map(CleanArticle.class::cast).toList();
        context.resetForwards();
        return out;
    }

    private static CleanArticle article(String id, String text) {
        return StoryAssignerTest.article(id, id + ".example", null, text);
    }

    private double bufferedGauge() {
        return registry.get(StoryMetrics.BUFFERED).gauge().value();
    }

    @Test
    void aReleaseLongerThanOneSliceGoesOnAtTheNextArticleOrTickInEventTimeOrder() {
        StoryProcessor p = start(Duration.ZERO);  // one article per call
        arrive(p, article("c", StoryTexts.BRIDGE_REWRITE), Duration.ofMinutes(3));
        arrive(p, article("a", StoryTexts.BRIDGE), Duration.ofMinutes(1));
        arrive(p, article("b", StoryTexts.BRIDGE_EDITED), Duration.ofMinutes(2));
        assertThat(released()).isEmpty();
        assertThat(bufferedGauge()).isEqualTo(3);

        tick(1_500);  // quiet for a second: the release of a, b, c starts, one slice
        assertThat(released()).extracting(CleanArticle::id).containsExactly("a");
        arrive(p, article("d", StoryTexts.BRIDGE), Duration.ofMinutes(4));  // arrives during the release
        assertThat(released()).extracting(CleanArticle::id).as("the release goes on at the next article").containsExactly("b");
        tick(10);
        List<CleanArticle> third = released();
        assertThat(third).extracting(CleanArticle::id).containsExactly("c");
        assertThat(third.get(0).relation()).isEqualTo(Relation.REWRITE);
        tick(10);
        assertThat(released()).as("d arrived after the release began: it waits for its own quiet second").isEmpty();
        assertThat(bufferedGauge()).isEqualTo(1);

        tick(1_000);
        List<CleanArticle> last = released();
        assertThat(last).extracting(CleanArticle::id).containsExactly("d");
        assertThat(last.get(0).relation()).isEqualTo(Relation.EXACT);
        assertThat(bufferedGauge()).isZero();
    }

    @Test
    void aWholeReleaseIsAssignedInOneCallWhenItFitsTheSlice() {
        StoryProcessor p = start(Duration.ofSeconds(30));
        int n = StoryProcessor.RELEASE_BATCH * 2 + 7;  // more than one read of the buffer
        for (int i = n - 1; i >= 0; i--) {
            arrive(p, article(String.format("x%04d", i), "Item " + i + " of the harbour log: the tide at Ardmore "
                    + "was measured at " + i + " centimetres by the quay gauge."), Duration.ofSeconds(i));
        }
        tick(1_500);
        assertThat(released()).extracting(CleanArticle::id).hasSize(n).isSorted();
        assertThat(bufferedGauge()).isZero();
    }

    @Test
    void twoFetchesOfOneUrlWithTheSameTimeComeOutInArrivalOrderSoTheNewerTextIsLast() {
        StoryProcessor p = start(Duration.ofSeconds(30));
        CleanArticle first = withIngestId(article("a", StoryTexts.BRIDGE), "ffffffff-first");
        CleanArticle corrected = withIngestId(article("a", StoryTexts.BRIDGE + "\n\nCorrection: the bridge reopens in May."),
                "00000000-second");  // an ingest id that sorts before the first one's
        arrive(p, first, Duration.ofMinutes(1));
        arrive(p, corrected, Duration.ofMinutes(1));
        tick(1_500);
        List<CleanArticle> out = released();
        assertThat(out).extracting(CleanArticle::ingestId).containsExactly("ffffffff-first", "00000000-second");
        assertThat(out.get(1).text()).endsWith("reopens in May.");
        assertThat(out).extracting(CleanArticle::storyId).containsOnly("a");
    }

    @Test
    void aRedeliveredRecordReplacesItsBufferEntry() {
        StoryProcessor p = start(Duration.ofSeconds(30));
        arrive(p, article("a", StoryTexts.BRIDGE), Duration.ofMinutes(1));
        offset--;  // the same record again, at the same offset
        arrive(p, article("a", StoryTexts.BRIDGE), Duration.ofMinutes(1));
        assertThat(bufferedGauge()).isEqualTo(1);
        tick(1_500);
        assertThat(released()).hasSize(1);
    }

    private static CleanArticle withIngestId(CleanArticle a, String ingestId) {
        return new CleanArticle(a.schemaVersion(), a.id(), ingestId, a.url(), a.canonicalUrl(), a.outlet(), a.title(),
                a.byline(), a.publishedAt(), a.fetchedAt(), a.language(), a.text(), a.wordCount(), null, null, null,
                null, null);
    }
}
