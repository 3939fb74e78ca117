package dev.rewire.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.JsonSerde;
import dev.rewire.model.Relation;
import dev.rewire.model.Story;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The story node's clean-up ({@link StoryProcessor#dropExpired}, {@link IndexSweep}) against its real (in-memory) stores. */
class StoryRetentionTest {

    static final Instant T0 = Instant.parse("2031-06-05T08:00:00Z");

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private StoryProcessor processor;

    @BeforeEach
    void setUp() {
        addStores(context);
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        processor = new StoryProcessor(StoryParams.defaults().withReorderWait(Duration.ZERO), Duration.ofMinutes(1),
                new EnrichMetrics(registry), new StoryMetrics(registry));
        processor.init(context);
    }

    /** The story node's stores, in memory, on a mock context. */
    static void addStores(MockProcessorContext<String, Object> context) {
        for (String name : StoryProcessor.STORES) {
            StateStore store = name.equals(StoryProcessor.BUFFER)
                    ? Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
                            JsonSerde.of(FingerprintedArticle.class)).withLoggingDisabled().build()
                    : Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
                            Serdes.ByteArray()).withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
    }

    /** The article as published {@code after} T0 (no publication time: the fetch time is its event time). */
    static CleanArticle at(CleanArticle a, Duration after) {
        return new CleanArticle(a.schemaVersion(), a.id(), a.ingestId(), a.url(), a.canonicalUrl(),
                a.outlet(), a.title(), null, null, T0.plus(after), a.language(), a.text(), a.wordCount(), null, null,
                null, null, null);
    }

    private List<Object> process(CleanArticle a, Duration after) {
        context.resetForwards();
        CleanArticle timed = at(a, after);
        processor.process(new Record<>(a.id(), FingerprintedArticle.of(timed, T0.plus(after).toEpochMilli()),
                T0.plus(after).toEpochMilli()));
        return context.forwarded().stream().map(f -> f.record().value()).map(Object.class::cast).toList();
    }

    private KeyValueStore<String, byte[]> store(String name) {
        return context.getStateStore(name);
    }

    /** Four stories over nine days: on day 9 the one last seen on day 0 has expired (cutoff day 2). */
    private void fillNineDays() {
        process(StoryAssignerTest.article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ZERO);
        process(StoryAssignerTest.article("b1", "post.example", "Lorries barred from Kessington bridge",
                StoryTexts.OTHER_BRIDGE), Duration.ofHours(1));
        process(StoryAssignerTest.article("a4", "echo.example", null, StoryTexts.BRIDGE_REWRITE), Duration.ofDays(6));
        process(StoryAssignerTest.article("c1", "gazette.example", "Harbour festival returns",
                "The harbour festival returns to Ardmore this summer with boat races, music and a fish market "
                        + "along the quay, the organisers announced."), Duration.ofDays(9));
    }

    private void assertDayTwoCutoff() {
        assertThat(store(StoryProcessor.STATES).get("b1")).as("a story last seen before the cutoff").isNull();
        assertThat(store(StoryProcessor.ARTICLES).get("b1")).as("its membership").isNull();
        assertThat(store(StoryProcessor.STATES).get("a1")).as("a story seen on day 6").isNotNull();
        assertThat(store(StoryProcessor.ARTICLES).get("a1")).as("the day-0 membership of a live story").isNotNull();
        assertThat(store(StoryProcessor.DF).get("lorry")).as("a rare term last seen on day 0").isNull();
        assertThat(store(StoryProcessor.DF).get("festival")).as("a rare term seen on day 9").isNotNull();
        assertThat(store(StoryProcessor.DF).get("footbridge")).as("a rare term last seen on day 6").isNotNull();
        assertThat(StoryAssigner.getLong(new StoreTable(store(StoryProcessor.DF)), StoryAssigner.DOCS_KEY)).isEqualTo(4);
        assertThat(postingsOf("b1")).as("posting-list entries of the expired story").isZero();
        assertThat(postingsOf("a1")).as("posting-list entries of a live story").isPositive();
    }

    private int postingsOf(String storyId) {
        int n = 0;
        try (KeyValueIterator<String, byte[]> it = store(StoryProcessor.POSTINGS).all()) {
            while (it.hasNext()) {
                n += (int) Postings.decode(it.next().value).entries.stream().filter(e -> e.storyId().equals(storyId)).count();
            }
        }
        return n;
    }

    private long entries() {
        long n = 0;
        for (String name : StoryProcessor.STORES) {
            if (!name.equals(StoryProcessor.BUFFER)) {
                n += store(name).approximateNumEntries();
            }
        }
        return n;
    }

    @Test
    void aDecisionThatFailsOnOneArticleLetsItThroughAsAStoryOfItsOwnAndTheNodeGoesOn() {
        CleanArticle broken = at(StoryAssignerTest.article("x1", "ledger.example", "Broken", StoryTexts.BRIDGE),
                Duration.ZERO);
        context.resetForwards();
        // no fingerprint (a record from a build that did not write one): the decision throws on it
        processor.process(new Record<>("x1", new FingerprintedArticle(broken, null, T0.toEpochMilli()), T0.toEpochMilli()));
        List<Object> out = context.forwarded().stream().map(f -> f.record().value()).map(Object.class::cast).toList();
        assertThat(out).singleElement().isInstanceOfSatisfying(CleanArticle.class, a -> {
            assertThat(a.storyId()).isEqualTo("x1");
            assertThat(a.relation()).isEqualTo(Relation.ORIGINAL);
        });
        assertThat(registry.get(EnrichMetrics.STEP_FAILURES).tag("step", "stories").counter().count()).isEqualTo(1.0);

        List<Object> next = process(StoryAssignerTest.article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE,
                StoryTexts.BRIDGE), Duration.ofMinutes(1));
        assertThat(((CleanArticle) next.get(0)).relation()).isEqualTo(Relation.ORIGINAL);
    }

    @Test
    void anEarlyMemberOfAStoryStillLiveKeepsItsMembershipAndIsRecognisedWhenFetchedAgain() {
        fillNineDays();
        processor.dropExpired();  // cutoff: 9 days − 7 = day 2
        assertDayTwoCutoff();

        List<Object> again = process(StoryAssignerTest.article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE,
                StoryTexts.BRIDGE), Duration.ofDays(9).plusHours(1));
        assertThat(again).hasSize(1);  // the article only: no rewrite event, no story update
        CleanArticle out = (CleanArticle) again.get(0);
        assertThat(out.storyId()).isEqualTo("a1");
        assertThat(out.relation()).isEqualTo(Relation.ORIGINAL);

        List<Object> copy = process(StoryAssignerTest.article("a9", "times.example", StoryTexts.BRIDGE_TITLE,
                StoryTexts.BRIDGE), Duration.ofDays(10));
        assertThat(((CleanArticle) copy.get(0)).relation()).as("a verbatim copy 10 days after the first")
                .isEqualTo(Relation.EXACT);
        assertThat(copy).filteredOn(Story.class::isInstance).singleElement()
                .extracting(o -> ((Story) o).memberCount()).isEqualTo(3);
    }

    @Test
    void aPassSpreadOverManySmallStepsReadsNoMoreThanItsBudgetAndCleansAsOneWholePassDoes() {
        fillNineDays();
        long before = entries();
        IndexSweep sweep = new IndexSweep(store(StoryProcessor.STATES), store(StoryProcessor.ARTICLES),
                store(StoryProcessor.HASHES), store(StoryProcessor.DF), store(StoryProcessor.POSTINGS));
        long cutoff = T0.plus(Duration.ofDays(2)).toEpochMilli();
        int steps = 1;
        long read = 0;
        while (!sweep.step(cutoff, 3)) {
            assertThat(sweep.passRead() - read).as("entries read by one step").isLessThanOrEqualTo(3);
            read = sweep.passRead();
            steps++;
        }
        assertThat(sweep.passRead()).as("every entry read once").isEqualTo(before);
        assertThat(steps).isGreaterThanOrEqualTo((int) (before / 3));
        assertThat(sweep.passRemoved()).isEqualTo(before - entries()).isPositive();
        assertDayTwoCutoff();

        assertThat(sweep.step(cutoff, 1_000)).as("a second pass, nothing left to delete").isTrue();
        assertThat(sweep.passRemoved()).isZero();
        assertThat(sweep.passRead()).isEqualTo(entries());
    }

    @Test
    void theCleanUpTickStartsAPassOnlyOnceAnIntervalHasPassed() {
        fillNineDays();
        long before = entries();
        Punctuator tick = context.scheduledPunctuators().stream()
                .filter(p -> p.getInterval().equals(StoryProcessor.SWEEP_TICK)).findFirst().orElseThrow().getPunctuator();
        tick.punctuate(T0.plusSeconds(30).toEpochMilli());
        assertThat(entries()).as("half a minute after start, with a one-minute interval").isEqualTo(before);
        tick.punctuate(T0.plusSeconds(61).toEpochMilli());
        assertThat(entries()).isLessThan(before);
        assertDayTwoCutoff();
        assertThat(registry.counter(StoryMetrics.CLEANUP_REMOVED).count()).isEqualTo(before - entries());
        assertThat(registry.timer(StoryMetrics.CLEANUP_STEP).count()).isEqualTo(1);
    }
}
