package dev.rewire.enrich.stories;

/**
 * Scores an article against a whole story, not a single earlier article: the combined similarity that
 * decides a rewrite. Hand-weighted on ECB+ dev (docs/benchmarks.md), signals in order of their weight:
 *
 * <pre>
 * score = {@value #W_NAMES} × cos(article names, story names)        who and where: survives paraphrase, and
 *                                                          tells two events of the same kind apart
 *       + {@value #W_CENTROID} × cos(article terms, story centroid)      what the story is about, the members' consensus
 *       + {@value #W_NUMBERS} × numbers shared, relative to the side with fewer (a number with its unit counts twice)
 *       + {@value #W_PROTAGONISTS} × share of the story's {@value #PROTAGONISTS} strongest names (its protagonists) the article names
 * then × (1 − {@value #TIME_PENALTY} × min(1, |Δt| / horizon))          time proximity to the story's last member
 * </pre>
 *
 * An article with no numbers at all is scored on the other three signals, their weights renormalised to
 * sum to one: the absence of numbers says nothing about which story it tells (ecbplus-dev B-cubed F1
 * 0.908 → 0.913 with this alone), and so is an article compared with a story none of whose members had a
 * number (0.918 → 0.923). Likewise an article in which the extractor finds no names (a text in lower
 * case, a short caption) is scored on terms and numbers alone (0.916 → 0.918). Names or numbers the
 * article has and a story that has some lacks still count against it.
 *
 * Chaining guard: the article is compared with the story's centroid and name profile, the sum of all
 * members, never with its single closest member, so a neighbour of one peripheral member (a drift
 * towards another event) scores low. The closest kept member is still reported: it becomes
 * {@code duplicateOf}. Stateless and thread-safe.
 */
final class StoryScorer {

    static final double W_CENTROID = 0.3;
    static final double W_NAMES = 0.4;
    static final double W_NUMBERS = 0.25;
    static final double W_PROTAGONISTS = 0.05;
    /** The story's strongest names whose presence in the article {@link #W_PROTAGONISTS} rewards. */
    static final int PROTAGONISTS = 3;
    static final double TIME_PENALTY = 0.2;

    /** The score and its parts, and the kept member closest to the article. */
    record Score(double total, double centroid, double member, double names, double numbers,
                 double protagonists, StoryState.Member closest) {
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
        double protagonists = cover(s.names.top(PROTAGONISTS), a.names);
        // An article without numbers, or a story without any, gives no evidence either way on them: the other
        // signals decide alone (renormalised), instead of the pair losing a quarter of its score to what
        // one side cannot have.
        double wNumbers = a.numbers.size() == 0 || s.numbers.size() == 0 ? 0 : W_NUMBERS;
        boolean noNames = a.names.size() == 0;  // nor do names, when the article has none to compare
        double wNames = noNames ? 0 : W_NAMES;
        double wProt = noNames ? 0 : W_PROTAGONISTS;
        double total = (W_CENTROID * centroid + wNames * names + wNumbers * numbers + wProt * protagonists)
                / (W_CENTROID + wNames + wNumbers + wProt);
        double dt = Math.abs(eventMillis - s.lastSeenAt);
        total *= 1 - TIME_PENALTY * Math.min(1.0, dt / (double) horizonMillis);
        return new Score(total, centroid, best, names, numbers, protagonists, closest);
    }

    /**
     * The share of {@code top}'s weight whose names {@code other} has: with the story's strongest names, how
     * much of who the story is about the article names (0 when the story has no names).
     */
    static double cover(TermVector top, TermVector other) {
        double all = 0;
        double have = 0;
        for (int k = 0; k < top.ids.length; k++) {
            all += top.weights[k];
            if (other.contains(top.ids[k])) {
                have += top.weights[k];
            }
        }
        return all == 0 ? 0 : have / all;
    }

    /**
     * How many of its numbers the article shares with the story, relative to the side with fewer numbers
     * (damped by one: one shared number of one is weak). Relative to the fewer, because a one-member story
     * or a short item that gives three numbers can share no more than three, however many background
     * figures a long rewrite adds (ecbplus-dev B-cubed F1 0.927 → 0.929 against the article's share).
     * A number and the same number with its unit are two entries, so a figure with its unit counts twice.
     */
    private static double numbers(ArticleVector a, StoryState s) {
        if (a.numbers.size() == 0 || s.numbers.size() == 0) {
            return 0;
        }
        int shared = 0;
        for (long id : a.numbers.ids) {
            if (s.numbers.contains(id)) {
                shared++;
            }
        }
        return Math.min(1.0, shared / (1.0 + Math.min(a.numbers.size(), s.numbers.size())));
    }
}
