package dev.rewire.enrich.stories;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The story stage's own meters (articles by relation are counted by {@link dev.rewire.enrich.EnrichMetrics}):
 * candidates scored per article, time to assign one article, stories in the index, articles waiting
 * in the reorder buffer, and the clean-up's steps and deletions. Thread-safe.
 */
public final class StoryMetrics {

    public static final String CANDIDATES = "rewire.enrich.stories.candidates";
    public static final String ASSIGN = "rewire.enrich.stories.assign";
    public static final String INDEX_STORIES = "rewire.enrich.stories.index.stories";
    public static final String BUFFERED = "rewire.enrich.stories.buffered";
    public static final String CLEANUP_STEP = "rewire.enrich.stories.cleanup.step";
    public static final String CLEANUP_REMOVED = "rewire.enrich.stories.cleanup.removed";

    private final DistributionSummary candidates;
    private final Timer assign;
    private final Timer cleanupStep;
    private final Counter cleanupRemoved;
    private final AtomicLong indexStories = new AtomicLong();
    private final AtomicLong buffered = new AtomicLong();

    public StoryMetrics(MeterRegistry registry) {
        candidates = DistributionSummary.builder(CANDIDATES).description("candidate stories scored per article")
                .register(registry);
        assign = Timer.builder(ASSIGN).description("time to fingerprint-match and score one article against the index")
                .register(registry);
        cleanupStep = Timer.builder(CLEANUP_STEP)
                .description("time the stream thread spends on one step of the story index clean-up").register(registry);
        cleanupRemoved = Counter.builder(CLEANUP_REMOVED)
                .description("entries (stories, memberships, hashes, frequencies, posting lists) the clean-up deleted")
                .register(registry);
        Gauge.builder(INDEX_STORIES, indexStories, AtomicLong::get)
                .description("stories in the index (approximate)").register(registry);
        Gauge.builder(BUFFERED, buffered, AtomicLong::get)
                .description("articles waiting in the reorder buffer").register(registry);
    }

    void candidates(int n) {
        candidates.record(n);
    }

    Timer assignTimer() {
        return assign;
    }

    Timer cleanupTimer() {
        return cleanupStep;
    }

    void cleanupRemoved(long n) {
        cleanupRemoved.increment(n);
    }

    void indexStories(long n) {
        indexStories.set(n);
    }

    void buffered(long n) {
        buffered.set(n);
    }
}
