package dev.rewire.enrich.stories;

import java.util.Map;

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

    static final double W_CENTROID = 0.45;
    static final double W_MEMBER = 0.15;
    static final double W_NAMES = 0.3;
    static final double W_NUMBERS = 0.1;
    static final double TIME_PENALTY = 0.2;

    /** The score and its parts, and the kept member closest to the article. */
    record Score(double total, double centroid, double member, double names, double numbers, StoryState.Member closest) {
    }

    private StoryScorer() {
    }

    static Score score(ArticleVector a, StoryState s, long eventMillis, long horizonMillis) {
        double centroid = cosine(a.terms, a.termNorm, s.centroid);
        double best = 0;
        StoryState.Member closest = s.members.isEmpty() ? null : s.members.get(0);
        for (StoryState.Member m : s.members) {
            double c = cosine(a.terms, a.termNorm, m.terms());
            if (c > best) {
                best = c;
                closest = m;
            }
        }
        double names = cosine(a.names, a.nameNorm, s.names);
        double numbers = numbers(a, s);
        double total = W_CENTROID * centroid + W_MEMBER * best + W_NAMES * names + W_NUMBERS * numbers;
        double dt = Math.abs(eventMillis - s.lastSeenAt);
        total *= 1 - TIME_PENALTY * Math.min(1.0, dt / (double) horizonMillis);
        return new Score(total, centroid, best, names, numbers, closest);
    }

    static double cosine(Map<String, Double> a, double aNorm, Map<String, Float> b) {
        if (aNorm == 0 || b.isEmpty()) {
            return 0;
        }
        double dot = 0;
        double b2 = 0;
        for (Map.Entry<String, Float> e : b.entrySet()) {
            double w = e.getValue();
            b2 += w * w;
            Double x = a.get(e.getKey());
            if (x != null) {
                dot += x * w;
            }
        }
        return b2 == 0 ? 0 : dot / (aNorm * Math.sqrt(b2));
    }

    private static double numbers(ArticleVector a, StoryState s) {
        if (a.numbers.isEmpty()) {
            return 0;
        }
        double have = 0;
        double all = 1;  // damping: one shared number out of one is weak evidence
        for (String n : a.numbers) {
            double w = n.indexOf(' ') > 0 ? 2 : 1;
            all += w;
            if (s.numbers.containsKey(n)) {
                have += w;
            }
        }
        return have / all;
    }
}
