package dev.rewire.enrich.stories;

import dev.rewire.model.CleanArticle;
import dev.rewire.model.Relation;
import dev.rewire.model.RewriteEvent;
import dev.rewire.model.Story;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The story decision for one article against the index, independent of Kafka Streams (the
 * {@link StoryProcessor} feeds it from state stores; benchmarks and offline evaluation from maps).
 *
 * <ol>
 *   <li>a known article id (a re-fetch of the same URL, however late) gets its earlier answer and changes
 *       nothing, for as long as the index remembers the article: a horizon after its story's last member,
 *       until the clean-up deletes the story and then its memberships;</li>
 *   <li>the article's terms count once more in the document frequencies (IDF learned from the stream);</li>
 *   <li>a known content hash makes it an {@code exact} copy;</li>
 *   <li>otherwise the inverted index (term → recent stories, bounded) gives candidate stories, ranked by
 *       the weight of the terms they share, and the best {@code maxCandidates} (none sharing less than
 *       {@code candidateShare} of the first one's weight, nor less than {@code candidateMinShare} of the
 *       article's) are scored as wholes
 *       ({@link StoryScorer}); a MinHash Jaccard ≥ {@code nearThreshold} with a kept member makes it
 *       {@code near}, a score ≥ {@code rewriteThreshold} a {@code rewrite}, anything else starts a story;</li>
 *   <li>the story, the index and the memberships are updated.</li>
 * </ol>
 *
 * Cost per article: O(query terms × max postings) to gather, O(candidates × story size) to score, both
 * bounded by configuration and independent of the index size. Not thread-safe (one instance per task).
 */
public final class StoryAssigner {

    static final String DOCS_KEY = "\u0000docs";
    /** Document frequencies this low, of terms unseen for a horizon, are dropped by the clean-up. */
    static final int FORGETTABLE_DF = 2;
    /**
     * Added to the rewrite threshold for a text of no words, less for longer ones, nothing from
     * {@value #SHORT_WORDS} words on: few words share terms by chance, so a headline alone needs a clearer
     * match than a paragraph. (A flat +0.1 under 40 words gave ecbplus-dev B-cubed 0.923, this ramp 0.927:
     * the set's 25–39-word items are real reports whose names pin them down.)
     */
    static final double SHORT_PENALTY = 0.1;
    static final int SHORT_WORDS = 40;

    private final StoryParams params;
    private final Table df;
    private final Table postings;
    private final Table stories;
    private final Table articles;
    private final Table hashes;
    /** The best-scoring candidate of the last article (story id, score), for evaluation tools. */
    StoryScorer.Score lastBest;
    String lastBestStory;

    /**
     * The outcome for one article.
     *
     * @param candidates stories scored
     * @param margin     the best story's combined score minus the threshold this article needed (negative: it
     *                   started a story of its own); {@code null} when no story was scored or the article was
     *                   an exact or near copy, decided by its hash or MinHash instead
     */
    public record Decision(CleanArticle article, boolean refetch, boolean newStory, Story story, RewriteEvent event,
                           int candidates, Double margin) {
    }

    public StoryAssigner(StoryParams params, Table df, Table postings, Table stories, Table articles, Table hashes) {
        this.params = params;
        this.df = df;
        this.postings = postings;
        this.stories = stories;
        this.articles = articles;
        this.hashes = hashes;
    }

    public Decision assign(CleanArticle article, Fingerprint fp, long eventMillis) {
        long horizon = params.horizon().toMillis();
        // A re-fetch, however long after its first fetch: it must not become a member twice, nor found a
        // story again (a founder re-fetched after its story went quiet would overwrite the story's state and
        // its news.stories record with one member). Whether its story is still live does not matter: the
        // index remembers the article until the clean-up has deleted the story and then its memberships. A
        // story's id is its first article's id, so its founder is recognised even without a membership.
        Membership known = Membership.decode(articles.get(article.id()));
        if (known != null) {
            return new Decision(article.withStory(known.storyId(), known.relation(), known.duplicateOf(),
                    known.similarity()), true, false, null, null, 0, null);
        }
        if (stories.get(article.id()) != null) {
            return new Decision(article.withStory(article.id(), Relation.ORIGINAL, null, null), true, false, null,
                    null, 0, null);
        }

        Map<String, byte[]> lists = new HashMap<>();  // read once for retrieval, updated for indexing
        ArticleVector v = vector(fp, eventMillis);

        StoryState story = null;
        Relation relation = Relation.ORIGINAL;
        String duplicateOf = null;
        Double similarity = null;
        int candidates = 0;
        Double margin = null;

        Membership copyOf = Membership.decode(hashes.get(fp.contentHash()));
        if (copyOf != null) {  // a verbatim copy of an article of a live story, however late
            StoryState s = load(copyOf.storyId(), eventMillis, horizon);
            if (s != null) {
                story = s;
                relation = Relation.EXACT;
                duplicateOf = copyOf.articleId();
                similarity = 1.0;
            }
        }
        if (story == null) {
            List<String> ids = candidates(v, eventMillis, horizon, lists);
            candidates = ids.size();
            double bestScore = -1;
            double bestNear = 0;
            StoryState nearStory = null;
            StoryState.Member nearMember = null;
            StoryScorer.Score best = null;
            StoryState bestStory = null;
            for (String id : ids) {
                StoryState s = load(id, eventMillis, horizon);
                if (s == null) {
                    continue;
                }
                for (StoryState.Member m : s.members) {
                    double j = MinHash.similarity(fp.minHash(), m.minHash());
                    if (j > bestNear) {
                        bestNear = j;
                        nearStory = s;
                        nearMember = m;
                    }
                }
                StoryScorer.Score sc = StoryScorer.score(v, s, eventMillis, horizon);
                if (sc.total() > bestScore) {
                    bestScore = sc.total();
                    best = sc;
                    bestStory = s;
                }
            }
            lastBest = best;
            lastBestStory = bestStory == null ? null : bestStory.storyId;
            if (nearStory != null && bestNear >= params.nearThreshold()) {
                story = nearStory;
                relation = Relation.NEAR;
                duplicateOf = nearMember.id();
                similarity = round(bestNear);
            } else if (best != null) {
                margin = bestScore - threshold(v);
                if (margin >= 0) {
                    story = bestStory;
                    relation = Relation.REWRITE;
                    duplicateOf = best.closest() != null ? best.closest().id() : bestStory.firstId;
                    similarity = round(Math.min(1.0, bestScore));
                }
            }
        }

        boolean created = story == null;
        if (created) {
            story = StoryState.start(article.id(), article.outlet(), article.title(), eventMillis);
        }
        story.add(article.id(), article.outlet(), article.title(), eventMillis, fp.minHash(), v);

        stories.put(story.storyId, story.encode());
        index(v, story.storyId, eventMillis, lists);
        Membership mine = new Membership(article.id(), story.storyId, relation, duplicateOf, similarity, eventMillis,
                article.outlet());
        articles.put(article.id(), mine.encode());
        if (copyOf == null || relation != Relation.EXACT) {
            hashes.put(fp.contentHash(), mine.encode());
        }

        CleanArticle assigned = article.withStory(story.storyId, relation, duplicateOf, similarity);
        RewriteEvent event = null;
        if (!created) {
            long lag = Math.max(0, (eventMillis - story.firstSeenAt) / 1000);
            event = new RewriteEvent(RewriteEvent.SCHEMA_VERSION, article.id(), story.storyId, duplicateOf,
                    relation, similarity, article.outlet(), originalOutlet(story, duplicateOf, copyOf), lag);
        }
        return new Decision(assigned, false, created, story.toStory(), event, candidates, margin);
    }

    /**
     * The article as a story of its own, with nothing read or written: what goes out when the decision
     * itself failed on it ({@link StoryProcessor}).
     */
    static Decision alone(CleanArticle article) {
        return new Decision(article.withStory(article.id(), Relation.ORIGINAL, null, null), false, false, null, null, 0, null);
    }

    /**
     * The outlet of the article a member copies or rewrites: a kept member's, else (an exact copy of a member
     * the story no longer keeps) the one its content-hash entry remembers, else the story's first outlet.
     */
    private static String originalOutlet(StoryState story, String duplicateOf, Membership copyOf) {
        StoryState.Member original = story.member(duplicateOf);
        if (original != null) {
            return original.outlet();
        }
        if (copyOf != null && copyOf.articleId().equals(duplicateOf) && copyOf.outlet() != null) {
            return copyOf.outlet();
        }
        return story.firstOutlet;
    }

    /**
     * Bulk load for benchmarks: adds the article to {@code storyId} (a new story when absent) with the same
     * index updates as {@link #assign}, without retrieval or scoring, so a large index fills quickly.
     */
    void load(CleanArticle article, Fingerprint fp, long eventMillis, String storyId) {
        ArticleVector v = vector(fp, eventMillis);
        byte[] data = stories.get(storyId);
        StoryState story = data == null ? StoryState.start(storyId, article.outlet(), article.title(), eventMillis)
                : StoryState.decode(data);
        story.add(article.id(), article.outlet(), article.title(), eventMillis, fp.minHash(), v);
        stories.put(story.storyId, story.encode());
        index(v, story.storyId, eventMillis, new HashMap<>());
        Membership mine = new Membership(article.id(), story.storyId,
                data == null ? Relation.ORIGINAL : Relation.REWRITE, null, null, eventMillis, article.outlet());
        articles.put(article.id(), mine.encode());
        hashes.put(fp.contentHash(), mine.encode());
    }

    /** Short texts share terms by chance more easily: they need a clearer match, the shorter the clearer. */
    private double threshold(ArticleVector v) {
        return params.rewriteThreshold() + shortTextMargin(v.words);
    }

    /** What a text of {@code words} words needs above the rewrite threshold. */
    static double shortTextMargin(int words) {
        return SHORT_PENALTY * Math.max(0, 1 - words / (double) SHORT_WORDS);
    }

    private StoryState load(String storyId, long eventMillis, long horizon) {
        byte[] data = stories.get(storyId);
        if (data == null) {
            return null;
        }
        StoryState s = StoryState.decode(data);
        // Live for this article: its last member no more than a horizon before it, and its first no more than
        // a horizon after it (an archive article published years earlier starts a story of its own).
        return eventMillis - s.lastSeenAt > horizon || s.firstSeenAt - eventMillis > horizon ? null : s;
    }

    /**
     * Counts the article into the document frequencies, then weighs its terms and names with the updated
     * IDF. The frequencies just written are kept for the weighting: each term's count is read from the store
     * once, not twice (the store reads are most of the stage's cost on RocksDB). Each count is stored with
     * the latest event time of the articles that raised it ({@link #frequency}), so rare terms can be forgotten.
     */
    private ArticleVector vector(Fingerprint fp, long eventMillis) {
        long docs = getLong(df, DOCS_KEY) + 1;
        List<Map.Entry<String, byte[]>> writes = new ArrayList<>(fp.terms().size() + 1);
        writes.add(Map.entry(DOCS_KEY, frequency(docs, eventMillis)));
        Map<String, Double> idf = new HashMap<>();
        for (String t : fp.terms().keySet()) {
            byte[] known = df.get(t);
            long n = count(known) + 1;
            writes.add(Map.entry(t, frequency(n, Math.max(lastSeen(known), eventMillis))));
            idf.put(t, idf(n, docs));
        }
        df.putAll(writes);
        return new ArticleVector(fp, t -> idf.computeIfAbsent(t, k -> idf(getLong(df, k), docs)));
    }

    private static double idf(long documentFrequency, long docs) {
        return Math.log((docs + 1.0) / (documentFrequency + 1.0)) + 1.0;
    }

    /**
     * The stories sharing the article's highest-weighted terms, most shared weight first, at most
     * maxCandidates, and none sharing less than candidateShare of the best one's weight or less than
     * candidateMinShare of the article's own query-term weight.
     */
    private List<String> candidates(ArticleVector v, long eventMillis, long horizon, Map<String, byte[]> lists) {
        StoryHits hits = new StoryHits();
        double query = 0;  // the article's own query-term weight
        for (Map.Entry<String, Double> e : queryTerms(v)) {
            double weight = e.getValue();
            query += weight;
            byte[] list = postings.get(e.getKey());
            lists.put(e.getKey(), list);
            Postings.forEach(list, (data, off, len, t) -> {
                if (eventMillis - t <= horizon) {
                    hits.add(data, off, len, weight);
                }
            });
        }
        if (hits.isEmpty()) {
            return List.of();
        }
        double floor = Math.max(hits.best() * params.candidateShare(), query * params.candidateMinShare());
        return hits.atLeast(floor, params.maxCandidates());
    }

    private List<Map.Entry<String, Double>> queryTerms(ArticleVector v) {
        return v.ranked.subList(0, Math.min(params.queryTerms(), v.ranked.size()));
    }

    private void index(ArticleVector v, String storyId, long eventMillis, Map<String, byte[]> lists) {
        byte[] id = Bytes.utf8(storyId);
        List<Map.Entry<String, byte[]>> writes = new ArrayList<>(params.queryTerms());
        for (Map.Entry<String, Double> e : queryTerms(v)) {
            byte[] list = lists.containsKey(e.getKey()) ? lists.get(e.getKey()) : postings.get(e.getKey());
            writes.add(Map.entry(e.getKey(), Postings.add(list, id, eventMillis, params.maxPostings())));
        }
        postings.putAll(writes);
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }

    /** A document-frequency value: the count, then the latest event time of the articles that raised it. */
    static byte[] frequency(long count, long lastSeenMillis) {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(count).putLong(lastSeenMillis).array();
    }

    /**
     * Whether a document-frequency value may be forgotten: a term found in at most
     * {@value #FORGETTABLE_DF} articles and in none since {@code cutoff}. Most distinct terms of a stream are
     * such one-offs (typos, unique names, tokens of junk or hostile text); without this the table would grow
     * for ever. Forgetting one changes an IDF hardly at all (1 or 2 documents, or none, among all). Values
     * written before the last-seen time was stored (8 bytes) count as last seen long ago.
     */
    static boolean forgettable(byte[] value, long cutoff) {
        return value != null && count(value) <= FORGETTABLE_DF && lastSeen(value) < cutoff;
    }

    /** The count of a document-frequency value (0 for none). */
    static long count(byte[] value) {
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    /**
     * The event time a document-frequency value was last raised; {@link Long#MIN_VALUE} for none, and for an
     * 8-byte value written before the time was stored (so a rare term of an older index is forgettable too).
     */
    static long lastSeen(byte[] value) {
        return value == null || value.length < 2 * Long.BYTES ? Long.MIN_VALUE : ByteBuffer.wrap(value).getLong(Long.BYTES);
    }

    static long getLong(Table t, String key) {
        return count(t.get(key));
    }
}
