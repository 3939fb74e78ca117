package dev.rewire.sink.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Keeps {@code story_feed} and {@code outlets} equal to what the stored articles say, by recomputing the
 * rows of the stories and outlets a batch touched, inside the batch's transaction. Recomputing (rather
 * than incrementing) keeps them right even when an article moves to another story.
 *
 * <p>The best version of a story is its original (the member with relation {@code original}), else its
 * earliest member; the story's title is the best version's, or when it has none the next member's that
 * has one; its rewrite count is the number of members that are exact copies, near copies or rewrites.
 *
 * <p>Each refreshed story row takes the next {@code seq}, which the live stream follows. Several sink
 * instances write concurrently, so the refresh first takes a transaction-scoped advisory lock: the
 * transaction that draws a seq commits before the next one can draw one, and a reader never sees seq 12
 * committed while 11 is still to come (it would move past 11 for good).
 */
final class DerivedTables {

    private static final String EVENT_TIME = "coalesce(a.published_at, a.fetched_at)";
    private static final String BEST_ORDER = "(a.relation = 'original') DESC NULLS LAST, " + EVENT_TIME + " NULLS LAST, a.id";

    private static final String REFRESH_STORIES = """
            INSERT INTO story_feed AS f (story_id, title, best_article_id, first_seen_at, last_seen_at, first_outlet,
                                         member_count, rewrite_count, outlet_count, outlets, languages, seq, updated_at)
            SELECT a.story_id,
                   coalesce((array_agg(a.title ORDER BY %1$s))[1],
                            (array_agg(a.title ORDER BY %1$s) FILTER (WHERE a.title IS NOT NULL))[1]),
                   (array_agg(a.id ORDER BY %1$s))[1],
                   min(%2$s), max(%2$s),
                   (array_agg(a.outlet ORDER BY %2$s NULLS LAST, a.id))[1],
                   count(*),
                   count(*) FILTER (WHERE a.relation IN ('exact', 'near', 'rewrite')),
                   count(DISTINCT a.outlet),
                   coalesce(array_agg(DISTINCT a.outlet) FILTER (WHERE a.outlet IS NOT NULL), '{}'),
                   coalesce(array_agg(DISTINCT a.language) FILTER (WHERE a.language IS NOT NULL), '{}'),
                   nextval('story_feed_seq'), now()
            FROM articles a
            WHERE a.story_id = ANY (?)
            GROUP BY a.story_id
            ON CONFLICT (story_id) DO UPDATE SET
                title = EXCLUDED.title, best_article_id = EXCLUDED.best_article_id,
                first_seen_at = EXCLUDED.first_seen_at, last_seen_at = EXCLUDED.last_seen_at,
                first_outlet = EXCLUDED.first_outlet, member_count = EXCLUDED.member_count,
                rewrite_count = EXCLUDED.rewrite_count, outlet_count = EXCLUDED.outlet_count,
                outlets = EXCLUDED.outlets, languages = EXCLUDED.languages,
                seq = EXCLUDED.seq, updated_at = now()
            """.formatted(BEST_ORDER, EVENT_TIME);

    private static final String DELETE_EMPTY_STORIES = """
            DELETE FROM story_feed f WHERE f.story_id = ANY (?)
               AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = f.story_id)
            """;

    private static final String REFRESH_OUTLETS = """
            INSERT INTO outlets (outlet, articles, originals, rewrites, first_seen_at, last_seen_at, updated_at)
            SELECT a.outlet, count(*),
                   count(*) FILTER (WHERE a.relation IS NULL OR a.relation = 'original'),
                   count(*) FILTER (WHERE a.relation IN ('exact', 'near', 'rewrite')),
                   min(%1$s), max(%1$s), now()
            FROM articles a
            WHERE a.outlet = ANY (?)
            GROUP BY a.outlet
            ON CONFLICT (outlet) DO UPDATE SET
                articles = EXCLUDED.articles, originals = EXCLUDED.originals, rewrites = EXCLUDED.rewrites,
                first_seen_at = EXCLUDED.first_seen_at, last_seen_at = EXCLUDED.last_seen_at, updated_at = now()
            """.formatted(EVENT_TIME);

    /** The advisory lock that orders seq assignment across sink instances ("RWSQ"). */
    static final long SEQ_LOCK = 0x52575351L;

    private DerivedTables() {
    }

    /** Adds the story ids and outlets the stored versions of {@code articleIds} have now (before an upsert). */
    static void collectStored(Connection c, Collection<String> articleIds, Set<String> storyIds, Set<String> outlets)
            throws SQLException {
        if (articleIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT story_id, outlet FROM articles WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", articleIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    addIfPresent(storyIds, rs.getString(1));
                    addIfPresent(outlets, rs.getString(2));
                }
            }
        }
    }

    /** Recomputes the rows of {@code storyIds} and {@code outlets}; does not commit. */
    static void refresh(Connection c, Collection<String> storyIds, Collection<String> outlets) throws SQLException {
        if (!storyIds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, SEQ_LOCK);
                ps.execute();
            }
            Object[] ids = storyIds.stream().sorted().toArray(); // sorted: concurrent writers lock in one order
            for (String sql : List.of(REFRESH_STORIES, DELETE_EMPTY_STORIES)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setArray(1, c.createArrayOf("text", ids));
                    ps.executeUpdate();
                }
            }
        }
        if (!outlets.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(REFRESH_OUTLETS)) {
                ps.setArray(1, c.createArrayOf("text", outlets.stream().sorted().toArray()));
                ps.executeUpdate();
            }
        }
    }

    static void addIfPresent(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(PgValues.text(value));
        }
    }
}
