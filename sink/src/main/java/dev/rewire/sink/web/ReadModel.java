package dev.rewire.sink.web;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Every query of the feed API and the dashboard, over the tables the PostgreSQL sink keeps
 * ({@code story_feed}, {@code articles}, {@code rewrites}, {@code outlets}). Read-only; thread-safe (one
 * connection per call). Every value reaches SQL as a bind parameter. The dashboard's answers are shared by
 * the requests that ask the same query within {@code web.cacheFor} ({@link ShortCache}), so many dashboards
 * cost the database about one query per distinct query and {@code web.cacheFor}; the dashboard waits longer
 * than that after a change before it reloads, so it never gets an answer from before the change.
 */
public final class ReadModel implements AutoCloseable {

    private static final String EVENT_TIME = "coalesce(a.published_at, a.fetched_at)";

    /** The hour before the newest stored story change: "recent" for the velocity the dashboard ranks by. */
    private static final String RECENT_FROM =
            "(SELECT coalesce(max(last_seen_at), now()) FROM story_feed) - interval '1 hour'";

    /** Members of story {@code %s} (a table alias) in the last hour of data. */
    private static final String RECENT = "(SELECT count(*) FROM articles a WHERE a.story_id = %s.story_id AND "
            + EVENT_TIME + " > " + RECENT_FROM + ")";

    /** Members per story in the last hour of data, in one pass (by the event-time index). */
    private static final String RECENT_BY_STORY = "SELECT a.story_id, count(*) AS recent FROM articles a WHERE "
            + EVENT_TIME + " > " + RECENT_FROM + " GROUP BY a.story_id";

    private final ConnectionPool pool;
    private final ShortCache cache;

    /** @param connections most database connections used at once (pooled, read-only); every answer fresh */
    public ReadModel(DataSource dataSource, int connections) {
        this(dataSource, connections, Duration.ZERO);
    }

    /**
     * @param connections most database connections used at once (pooled, read-only)
     * @param cacheFor    how long an answer is shared by the requests asking the same query ({@link ShortCache});
     *                    0: never
     */
    public ReadModel(DataSource dataSource, int connections, Duration cacheFor) {
        this.pool = new ConnectionPool(dataSource, connections);
        this.cache = new ShortCache(cacheFor.toNanos(), System::nanoTime);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Runs {@code work} on a pooled connection; a connection that failed is discarded. */
    private <T> T withConnection(SqlWork<T> work) throws SQLException {
        try (ConnectionPool.Lease lease = pool.lease()) {
            try {
                return work.run(lease.connection());
            } catch (SQLException | RuntimeException e) {
                lease.broken();
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** A page of stories matching {@code q}; with {@code withText} the best version's text is included. */
    public StoryPage stories(StoryQuery q, boolean withText) throws SQLException {
        if (withText) {  // feed pages with whole texts: large, and asked for at each reader's own pace
            return loadStories(q, true);
        }
        return cache.get(List.of("stories", q), () -> loadStories(q, false));
    }

    private StoryPage loadStories(StoryQuery q, boolean withText) throws SQLException {
        long asOf = latestSeq();
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.outlet() != null) {
            where.append(" AND ? = ANY (f.outlets)");
            args.add(q.outlet());
        }
        if (q.language() != null) {
            where.append(" AND ? = ANY (f.languages)");
            args.add(q.language());
        }
        if (q.since() != null) {
            where.append(" AND f.updated_at >= ?");
            args.add(OffsetDateTime.ofInstant(q.since(), ZoneOffset.UTC));
        }
        if (q.minOutlets() > 0) {
            where.append(" AND f.outlet_count >= ?");
            args.add(q.minOutlets());
        }
        if (!q.ranked() && q.before() > 0) {
            where.append(" AND f.seq < ?");
            args.add(q.before());
        }
        args.add(q.limit() + 1);
        // The page is chosen first (by the seq index, or by rank over one pass of the recent articles);
        // the best version's link and text and the per-story velocity are looked up for its rows only.
        String page = (q.ranked()
                ? "SELECT f.*, coalesce(r.recent, 0) AS rank_recent FROM story_feed f LEFT JOIN (" + RECENT_BY_STORY
                        + ") r ON r.story_id = f.story_id"
                : "SELECT f.*, 0 AS rank_recent FROM story_feed f") + where
                + (q.ranked() ? " ORDER BY (f.rewrite_count + 2 * coalesce(r.recent, 0)) DESC, f.last_seen_at DESC NULLS LAST, f.seq DESC"
                        : " ORDER BY f.seq DESC")
                + " LIMIT ?";
        String sql = "SELECT p.*, b.url AS best_url, " + (withText ? "b.text" : "NULL") + " AS best_text, "
                + RECENT.formatted("p") + " AS recent FROM (" + page + ") p LEFT JOIN articles b ON b.id = p.best_article_id"
                + (q.ranked() ? " ORDER BY (p.rewrite_count + 2 * p.rank_recent) DESC, p.last_seen_at DESC NULLS LAST, p.seq DESC"
                        : " ORDER BY p.seq DESC");
        List<StorySummary> out = query(sql, args);
        long next = 0;
        if (out.size() > q.limit()) {
            out = new ArrayList<>(out.subList(0, q.limit()));
            next = q.ranked() ? 0 : out.get(out.size() - 1).seq();
        }
        return new StoryPage(List.copyOf(out), next, asOf);
    }

    /** Stories changed after {@code afterSeq}, oldest change first (the live stream). */
    public List<StorySummary> changedSince(long afterSeq, int limit) throws SQLException {
        long latest = latestSeq();
        if (latest <= afterSeq) {
            return List.of();  // nothing changed: the live streams' usual poll costs one index look-up
        }
        String sql = "SELECT p.*, b.url AS best_url, NULL AS best_text, " + RECENT.formatted("p") + " AS recent "
                + "FROM (SELECT * FROM story_feed f WHERE f.seq > ? ORDER BY f.seq LIMIT ?) p "
                + "LEFT JOIN articles b ON b.id = p.best_article_id ORDER BY p.seq";
        return cache.get(List.of("changed", afterSeq, limit, latest), () -> List.copyOf(query(sql, List.of(afterSeq, limit))));
    }

    /** The highest story change number so far (0 when empty); never cached (one index look-up). */
    public long latestSeq() throws SQLException {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM story_feed");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Members a story page shows at most, with their texts: a story syndicated to thousands of outlets (or one
     * that absorbed many articles by mistake) would otherwise make a response of many megabytes and a word
     * diff per member in the browser. The story's own counts stay whole.
     */
    public static final int MAX_DETAIL_MEMBERS = 200;

    /** A story and its first {@value #MAX_DETAIL_MEMBERS} members, earliest first. */
    public Optional<StoryDetail> story(String storyId) throws SQLException {
        return cache.get(List.of("story", storyId), () -> loadStory(storyId));
    }

    private Optional<StoryDetail> loadStory(String storyId) throws SQLException {
        List<StorySummary> found = query("SELECT p.*, b.url AS best_url, b.text AS best_text, " + RECENT.formatted("p")
                + " AS recent FROM story_feed p LEFT JOIN articles b ON b.id = p.best_article_id WHERE p.story_id = ?",
                List.of(storyId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StorySummary s = found.get(0);
        String sql = """
                SELECT a.*, r.lag_seconds AS rewrite_lag, %1$s AS event_time
                FROM articles a LEFT JOIN rewrites r ON r.article_id = a.id
                WHERE a.story_id = ? ORDER BY %1$s NULLS LAST, a.id LIMIT %2$d
                """.formatted(EVENT_TIME, MAX_DETAIL_MEMBERS);
        List<StoryDetail.Member> members = withConnection(c -> {
            List<StoryDetail.Member> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, storyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long lag;
                        long rewriteLag = rs.getLong("rewrite_lag");
                        if (!rs.wasNull()) {
                            lag = rewriteLag;
                        } else {
                            Instant t = instant(rs, "event_time");
                            lag = t == null || s.firstSeenAt() == null ? 0
                                    : Math.max(0, t.getEpochSecond() - s.firstSeenAt().getEpochSecond());
                        }
                        double sim = rs.getDouble("similarity");
                        Double similarity = rs.wasNull() ? null : sim;
                        out.add(new StoryDetail.Member(rs.getString("id"), rs.getString("outlet"),
                                rs.getString("title"), rs.getString("byline"), rs.getString("url"),
                                instant(rs, "published_at"), instant(rs, "fetched_at"), rs.getString("language"),
                                rs.getString("relation"), similarity, rs.getString("duplicate_of"), lag,
                                rs.getInt("word_count"), rs.getString("text")));
                    }
                }
            }
            return out;
        });
        return Optional.of(new StoryDetail(s, List.copyOf(members)));
    }

    /** Outlet totals, who-follows-whom edges and hourly activity. */
    public OutletsView outlets() throws SQLException {
        return cache.get("outlets", this::loadOutlets);
    }

    private OutletsView loadOutlets() throws SQLException {
        // Lag of each follower behind its story's first article, from the stored events (news.rewrites
        // when present, else the event times), so the page works whatever the story stage emits.
        String followers = """
                SELECT f.first_outlet, a.outlet,
                       coalesce(r.lag_seconds, greatest(0, extract(epoch FROM %s - f.first_seen_at)))::bigint AS lag
                FROM articles a JOIN story_feed f ON f.story_id = a.story_id
                LEFT JOIN rewrites r ON r.article_id = a.id
                WHERE a.relation IN ('exact', 'near', 'rewrite')
                """.formatted(EVENT_TIME);
        return withConnection(c -> {
            List<OutletsView.Outlet> outlets = new ArrayList<>();
            List<OutletsView.Edge> edges = new ArrayList<>();
            List<OutletsView.HourBucket> activity = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT o.*, l.median_lag FROM outlets o
                    LEFT JOIN (SELECT x.outlet, percentile_disc(0.5) WITHIN GROUP (ORDER BY x.lag) AS median_lag
                               FROM (%s) x GROUP BY x.outlet) l ON l.outlet = o.outlet
                    ORDER BY o.articles DESC, o.outlet
                    """.formatted(followers)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long lag = rs.getLong("median_lag");
                    outlets.add(new OutletsView.Outlet(rs.getString("outlet"), rs.getInt("articles"),
                            rs.getInt("originals"), rs.getInt("rewrites"), rs.wasNull() ? null : lag,
                            instant(rs, "first_seen_at"), instant(rs, "last_seen_at")));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT x.first_outlet, x.outlet, count(*) AS n,
                           percentile_disc(0.5) WITHIN GROUP (ORDER BY x.lag) AS median_lag
                    FROM (%s) x WHERE x.first_outlet IS NOT NULL AND x.outlet IS NOT NULL
                    GROUP BY x.first_outlet, x.outlet ORDER BY n DESC, x.first_outlet, x.outlet
                    """.formatted(followers)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long lag = rs.getLong("median_lag");
                    edges.add(new OutletsView.Edge(rs.getString(1), rs.getString(2), rs.getLong("n"),
                            rs.wasNull() ? null : lag));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT date_trunc('hour', %1$s AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, count(*) AS n,
                           count(*) FILTER (WHERE a.relation IS NULL OR a.relation = 'original') AS originals,
                           count(*) FILTER (WHERE a.relation IN ('exact', 'near', 'rewrite')) AS rewrites
                    FROM articles a
                    WHERE %1$s > (SELECT max(%1$s) FROM articles a) - interval '24 hours'
                    GROUP BY 1 ORDER BY 1
                    """.formatted(EVENT_TIME)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    activity.add(new OutletsView.HourBucket(instant(rs, "hour"), rs.getLong("n"),
                            rs.getLong("originals"), rs.getLong("rewrites")));
                }
            }
            return new OutletsView(List.copyOf(outlets), List.copyOf(edges), List.copyOf(activity));
        });
    }

    private List<StorySummary> query(String sql, List<Object> args) throws SQLException {
        return withConnection(c -> {
            List<StorySummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    Object a = args.get(i);
                    if (a == null) {
                        ps.setNull(i + 1, Types.VARCHAR);
                    } else {
                        ps.setObject(i + 1, a);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StorySummary(rs.getString("story_id"), rs.getString("title"),
                                rs.getString("best_text"), rs.getString("best_url"), rs.getString("best_article_id"),
                                instant(rs, "first_seen_at"), instant(rs, "last_seen_at"), rs.getString("first_outlet"),
                                rs.getInt("member_count"), rs.getInt("rewrite_count"), rs.getInt("outlet_count"),
                                strings(rs.getArray("outlets")), strings(rs.getArray("languages")), rs.getLong("recent"),
                                rs.getLong("seq"), instant(rs, "updated_at")));
                    }
                }
            }
            return out;
        });
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            if (o != null) {
                out.add(o.toString());
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
