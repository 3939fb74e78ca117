package dev.rewire.enrich.stories;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The story stage's own meters (articles by relation are counted by {@link dev.rewire.enrich.EnrichMetrics}):
 * candidates scored per article, time to assign one article, how far the best story's score fell from
 * the rewrite threshold, stories in the index, articles waiting in the reorder buffer, and the clean-up's
 * steps and deletions. Thread-safe.
 *
 * <p>The score margin is there for calibration: the threshold was set on a cold replay of ECB+
 * (docs/benchmarks.md), and what the index has seen before moves the scores. Many decisions within a few
 * hundredths of the threshold mean that one decision can join or split a whole story; the histogram's
 * buckets around zero show how many there are on the stream at hand.
 */
public final class StoryMetrics {

    public static final String CANDIDATES = "rewire.enrich.stories.candidates";
    public static final String ASSIGN = "rewire.enrich.stories.assign";
    public static final String INDEX_STORIES = "rewire.enrich.stories.index.stories";
    public static final String BUFFERED = "rewire.enrich.stories.buffered";
    public static final String CLEANUP_STEP = "rewire.enrich.stories.cleanup.step";
    public static final String CLEANUP_REMOVED = "rewire.enrich.stories.cleanup.removed";
    public static final String SCORE_MARGIN = "rewire.enrich.stories.score.margin";

    /** Bucket bounds of {@link #SCORE_MARGIN}: finer near zero, where a decision could go either way. */
    static final double[] MARGIN_BUCKETS = {-0.3, -0.2, -0.1, -0.05, -0.02, 0, 0.02, 0.05, 0.1, 0.2, 0.3};

    private final DistributionSummary candidates;
    private final DistributionSummary margin;
    private final Timer assign;
    private final Timer cleanupStep;
    private final Counter cleanupRemoved;
    private final AtomicLong indexStories = new AtomicLong();
    private final AtomicLong buffered = new AtomicLong();

    public StoryMetrics(MeterRegistry registry) {
        candidates = DistributionSummary.builder(CANDIDATES).description("candidate stories scored per article")
                .register(registry);
        // Micrometer's distribution summaries ignore negative values, so the margin is recorded shifted by one:
        // bucket bound 1.0 is the threshold itself (documented in the README's metrics table).
        margin = DistributionSummary.builder(SCORE_MARGIN)
                .description("best story's combined score minus the article's rewrite threshold, plus one "
                        + "(below 1: a story of its own; above: a rewrite)")
                .serviceLevelObjectives(shifted(MARGIN_BUCKETS)).register(registry);
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

    /** Records one decision's score margin (see {@link StoryAssigner.Decision#margin()}). */
    void margin(double m) {
        margin.record(1 + m);
    }

    private static double[] shifted(double[] bounds) {
        double[] s = new double[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            s[i] = 1 + bounds[i];
        }
        return s;
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
