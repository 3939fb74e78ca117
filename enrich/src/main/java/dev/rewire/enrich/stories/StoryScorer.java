package dev.rewire.enrich.stories;


/**
 * Scores an article against a whole story, not a single earlier article: the combined similarity that
 * decides a rewrite. Hand-weighted (measured on ECB+ dev pairs, see docs/benchmarks.md):
 *
 * <pre>
 * score = {@value #W_CENTROID} × cos(article terms, story centroid)       what the story is about, consensus of members
 *       + {@value #W_MEMBER} × max cos(article terms, kept member)     the closest single telling
 *       + {@value #W_NAMES} × cos(article names, story names)          who and where: survives paraphrase
 *       + {@value #W_NUMBERS} × share of the article's numbers in the story  (with units count twice)
 * then × (1 − {@value #TIME_PENALTY} × min(1, |Δt| / horizon))                  time proximity to the story's last member
 * </pre>
 *
 * The centroid term carries most of the weight on purpose: an article that matches one member but not
 * the story as a whole (a drifting, chained neighbour) scores low. Stateless and thread-safe.
 */
final class StoryScorer {

    static final double W_CENTROID = Double.parseDouble(System.getProperty("wc", "0.4"));
    static final double W_MEMBER = Double.parseDouble(System.getProperty("wm", "0.0"));
    static final double W_NAMES = Double.parseDouble(System.getProperty("wn", "0.4"));
    static final double W_NUMBERS = Double.parseDouble(System.getProperty("wu", "0.2"));
    static final double TIME_PENALTY = 0.2;

    /** The score and its parts, and the kept member closest to the article. */
    record Score(double total, double centroid, double member, double names, double numbers, StoryState.Member closest) {
    }

    private StoryScorer() {
    }

    static Score score(ArticleVector a, StoryState s, long eventMillis, long horizonMillis) {
        double centroid = a.terms.cosine(s.centroid);
        double best = 0;
        StoryState.Member closest = s.members.isEmpty() ? null : s.members.get(0);
        for (StoryState.Member m : s.members) {
            double c = a.terms.cosine(m.terms());
            if (c > best) {
                best = c;
                closest = m;
            }
        }
        double names = a.names.cosine(s.names);
        double numbers = numbers(a, s);
        double total = W_CENTROID * centroid + W_MEMBER * best + W_NAMES * names + W_NUMBERS * numbers;
        double dt = Math.abs(eventMillis - s.lastSeenAt);
        total *= 1 - TIME_PENALTY * Math.min(1.0, dt / (double) horizonMillis);
        return new Score(total, centroid, best, names, numbers, closest);
    }

    /** The share of the article's number weight found in the story, damped: one shared number of one is weak. */
    private static double numbers(ArticleVector a, StoryState s) {
        if (a.numbers.size() == 0) {
            return 0;
        }
        double have = 0;
        double all = 1;
        for (int k = 0; k < a.numbers.ids.length; k++) {
            all += a.numbers.weights[k];
            if (s.numbers.contains(a.numbers.ids[k])) {
                have += a.numbers.weights[k];
            }
        }
        return have / all;
    }
}
