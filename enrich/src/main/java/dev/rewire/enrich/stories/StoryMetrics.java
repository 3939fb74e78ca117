package dev.rewire.enrich.stories;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The story stage's own meters (articles by relation are counted by {@link dev.rewire.enrich.EnrichMetrics}):
 * candidates scored per article, time to assign one article, stories in the index and articles waiting
 * in the reorder buffer. Thread-safe.
 */
public final class StoryMetrics {

    public static final String CANDIDATES = "rewire.enrich.stories.candidates";
    public static final String ASSIGN = "rewire.enrich.stories.assign";
    public static final String INDEX_STORIES = "rewire.enrich.stories.index.stories";
    public static final String BUFFERED = "rewire.enrich.stories.buffered";

    private final DistributionSummary candidates;
    private final Timer assign;
    private final AtomicLong indexStories = new AtomicLong();
    private final AtomicLong buffered = new AtomicLong();

    public StoryMetrics(MeterRegistry registry) {
        candidates = DistributionSummary.builder(CANDIDATES).description("candidate stories scored per article")
                .register(registry);
        assign = Timer.builder(ASSIGN).description("time to fingerprint-match and score one article against the index")
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

    void indexStories(long n) {
        indexStories.set(n);
    }

    void buffered(long n) {
        buffered.set(n);
    }
}
