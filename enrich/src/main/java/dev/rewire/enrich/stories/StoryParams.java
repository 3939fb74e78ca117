package dev.rewire.enrich.stories;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import java.time.Duration;

/**
 * The story stage's settings (keys {@code stories.*} in the defaults file), validated once.
 *
 * @param horizon          how far back (event time) an article is compared; older stories expire
 * @param nearThreshold    MinHash Jaccard estimate with a member at or above which an article is a near copy
 * @param rewriteThreshold combined score ({@link StoryScorer}) at or above which an article joins a story as a rewrite
 * @param queryTerms       the article's highest-weighted terms looked up in the inverted index
 * @param maxPostings      stories kept per term (newest first); bounds the cost of a lookup
 * @param maxCandidates    stories scored per article (the most hits in the index)
 * @param candidateShare   a candidate sharing less than this share of the best candidate's query-term weight
 *                         is not scored: it cannot win, and skipping it keeps the cost per article flat as
 *                         posting lists fill up (0 scores all {@code maxCandidates})
 * @param candidateMinShare a candidate sharing less than this share of the article's own query-term weight is
 *                         not scored either: a story met through one or two incidental terms cannot reach
 *                         the rewrite threshold (0 turns this off)
 * @param reorderWait      wall-clock quiet time after which buffered articles are assigned in event-time order; 0 = no buffer
 */
public record StoryParams(Duration horizon, double nearThreshold, double rewriteThreshold, int queryTerms,
                          int maxPostings, int maxCandidates, double candidateShare, double candidateMinShare,
                          Duration reorderWait) {

    public StoryParams {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new ConfigException("stories.horizon must be positive, not " + horizon);
        }
        check("stories.nearThreshold", nearThreshold);
        check("stories.rewriteThreshold", rewriteThreshold);
        if (queryTerms < 1 || maxPostings < 1 || maxCandidates < 1) {
            throw new ConfigException("stories.queryTerms, stories.maxPostings and stories.maxCandidates must be at least 1");
        }
        if (!(candidateShare >= 0 && candidateShare < 1)) {
            throw new ConfigException("stories.candidateShare must be in [0, 1), not " + candidateShare);
        }
        if (!(candidateMinShare >= 0 && candidateMinShare < 1)) {
            throw new ConfigException("stories.candidateMinShare must be in [0, 1), not " + candidateMinShare);
        }
        if (reorderWait.isNegative()) {
            throw new ConfigException("stories.reorderWait must not be negative");
        }
    }

    private static void check(String key, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new ConfigException(key + " must be in (0, 1], not " + v);
        }
    }

    /** The defaults of the defaults file, for tests and benchmarks. */
    public static StoryParams defaults() {
        return new StoryParams(Duration.ofDays(7), 0.5, 0.33, 30, 64, 8, 0.5, 0.05, Duration.ofSeconds(1));
    }

    /** Reads the keys from {@code config}; a key missing from an older defaults file falls back to {@link #defaults()}. */
    public static StoryParams from(RewireConfig config) {
        StoryParams d = defaults();
        return new StoryParams(
                config.isSet("stories.horizon") ? config.getDuration("stories.horizon") : d.horizon(),
                config.isSet("stories.nearThreshold") ? config.getDouble("stories.nearThreshold") : d.nearThreshold(),
                config.isSet("stories.rewriteThreshold") ? config.getDouble("stories.rewriteThreshold") : d.rewriteThreshold(),
                config.isSet("stories.queryTerms") ? config.getInt("stories.queryTerms") : d.queryTerms(),
                config.isSet("stories.maxPostings") ? config.getInt("stories.maxPostings") : d.maxPostings(),
                config.isSet("stories.maxCandidates") ? config.getInt("stories.maxCandidates") : d.maxCandidates(),
                config.isSet("stories.candidateShare") ? config.getDouble("stories.candidateShare") : d.candidateShare(),
                config.isSet("stories.candidateMinShare") ? config.getDouble("stories.candidateMinShare")
                        : d.candidateMinShare(),
                config.isSet("stories.reorderWait") ? config.getDuration("stories.reorderWait") : d.reorderWait());
    }

    public StoryParams withRewriteThreshold(double t) {
        return new StoryParams(horizon, nearThreshold, t, queryTerms, maxPostings, maxCandidates, candidateShare, candidateMinShare, reorderWait);
    }

    public StoryParams withMaxCandidates(int n) {
        return new StoryParams(horizon, nearThreshold, rewriteThreshold, queryTerms, maxPostings, n, candidateShare, candidateMinShare, reorderWait);
    }

    public StoryParams withCandidateShare(double share) {
        return new StoryParams(horizon, nearThreshold, rewriteThreshold, queryTerms, maxPostings, maxCandidates, share,
                candidateMinShare, reorderWait);
    }

    public StoryParams withCandidateMinShare(double share) {
        return new StoryParams(horizon, nearThreshold, rewriteThreshold, queryTerms, maxPostings, maxCandidates,
                candidateShare, share, reorderWait);
    }

    public StoryParams withReorderWait(Duration wait) {
        return new StoryParams(horizon, nearThreshold, rewriteThreshold, queryTerms, maxPostings, maxCandidates, candidateShare, candidateMinShare, wait);
    }
}
