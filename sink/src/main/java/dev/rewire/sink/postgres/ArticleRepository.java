package dev.rewire.sink.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The {@code articles} table: one row per article id, written by idempotent upserts.
 *
 * <p>Guarantees: upserting the same articles again never adds rows; a newer version of an article (a
 * re-fetch, a new story assignment) replaces the row's fields but keeps {@code first_seen_at}; a version
 * fetched <em>earlier</em> than the stored one is ignored, so replaying old data into a live table cannot
 * roll it back. Within one call the last occurrence of an id wins. Timestamps are stored with
 * microsecond precision; U+0000 characters, which PostgreSQL text cannot hold, are dropped.
 *
 * <p>Thread-safe: every call uses its own connection (or the caller's).
 */
public final class ArticleRepository {

    private static final TypeReference<LinkedHashMap<String, Integer>> BOILERPLATE = new TypeReference<>() {
    };

    static final String UPSERT = """
            INSERT INTO articles (id, schema_version, ingest_id, url, canonical_url, outlet, title, byline,
                                  published_at, fetched_at, language, text, word_count, story_id, relation,
                                  duplicate_of, similarity, boilerplate)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (id) DO UPDATE SET
                schema_version = EXCLUDED.schema_version,
                ingest_id      = EXCLUDED.ingest_id,
                url            = EXCLUDED.url,
                canonical_url  = EXCLUDED.canonical_url,
                outlet         = EXCLUDED.outlet,
                title          = EXCLUDED.title,
                byline         = EXCLUDED.byline,
                published_at   = EXCLUDED.published_at,
                fetched_at     = EXCLUDED.fetched_at,
                language       = EXCLUDED.language,
                text           = EXCLUDED.text,
                word_count     = EXCLUDED.word_count,
                story_id       = EXCLUDED.story_id,
                relation       = EXCLUDED.relation,
                duplicate_of   = EXCLUDED.duplicate_of,
                similarity     = EXCLUDED.similarity,
                boilerplate    = EXCLUDED.boilerplate,
                writes         = articles.writes + 1,
                updated_at     = now()
            WHERE articles.fetched_at IS NULL OR EXCLUDED.fetched_at IS NULL
               OR EXCLUDED.fetched_at >= articles.fetched_at
            """;

    private final DataSource dataSource;

    public ArticleRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Upserts {@code articles} in one transaction (JDBC batch).
     *
     * @return rows inserted or updated (an older version skipped by the fetch-time guard does not count)
     */
    public int upsert(List<CleanArticle> articles) throws SQLException {
        if (articles.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n = upsert(c, articles);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    /**
     * Upserts {@code articles} on the caller's connection, inside the caller's transaction (for sinks
     * that write several tables atomically). Does not commit.
     */
    public int upsert(Connection c, List<CleanArticle> articles) throws SQLException {
        if (articles.isEmpty()) {
            return 0;
        }
        Map<String, CleanArticle> lastById = new LinkedHashMap<>();
        for (CleanArticle a : articles) {
            lastById.remove(a.id());
            lastById.put(a.id(), a);
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (CleanArticle a : lastById.values()) {
                bind(ps, a);
                ps.addBatch();
            }
            int written = 0;
            for (int count : ps.executeBatch()) {
                if (count > 0 || count == Statement.SUCCESS_NO_INFO) {
                    written++;
                }
            }
            return written;
        }
    }

    /** Rows in the table. */
    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM articles")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The stored article with this id. */
    public Optional<CleanArticle> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM articles WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The stored members of a story, earliest event first. */
    public List<CleanArticle> findByStory(String storyId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM articles WHERE story_id = ? "
                     + "ORDER BY coalesce(published_at, fetched_at), id")) {
            ps.setString(1, storyId);
            List<CleanArticle> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    private static void bind(PreparedStatement ps, CleanArticle a) throws SQLException {
        int i = 1;
        PgValues.setText(ps, i++, a.id());
        ps.setInt(i++, a.schemaVersion());
        PgValues.setText(ps, i++, a.ingestId());
        PgValues.setText(ps, i++, a.url());
        PgValues.setText(ps, i++, a.canonicalUrl());
        PgValues.setText(ps, i++, a.outlet());
        PgValues.setText(ps, i++, a.title());
        PgValues.setText(ps, i++, a.byline());
        PgValues.setInstant(ps, i++, a.publishedAt());
        PgValues.setInstant(ps, i++, a.fetchedAt());
        PgValues.setText(ps, i++, a.language());
        PgValues.setText(ps, i++, a.text());
        ps.setInt(i++, a.wordCount());
        PgValues.setText(ps, i++, a.storyId());
        PgValues.setText(ps, i++, a.relation() == null ? null : a.relation().wireName());
        PgValues.setText(ps, i++, a.duplicateOf());
        if (a.similarity() == null || a.similarity().isNaN() || a.similarity().isInfinite()) {
            ps.setNull(i++, Types.DOUBLE);
        } else {
            ps.setDouble(i++, a.similarity());
        }
        ps.setString(i, boilerplateJson(a.boilerplate()));
    }

    private static String boilerplateJson(Map<String, Integer> boilerplate) {
        if (boilerplate == null) {
            return null;
        }
        Map<String, Integer> clean = new TreeMap<>();
        boilerplate.forEach((k, v) -> {
            if (k != null) {
                clean.put(PgValues.text(k), v);
            }
        });
        return Json.write(clean);
    }

    private static CleanArticle read(ResultSet rs) throws SQLException {
        String relation = rs.getString("relation");
        double similarity = rs.getDouble("similarity");
        Double sim = rs.wasNull() ? null : similarity;
        String boilerplate = rs.getString("boilerplate");
        Map<String, Integer> bp;
        try {
            bp = boilerplate == null ? null : Json.mapper().readValue(boilerplate, BOILERPLATE);
        } catch (JsonProcessingException e) {
            throw new SQLException("articles.boilerplate of " + rs.getString("id") + " is not a JSON object", e);
        }
        return new CleanArticle(
                rs.getInt("schema_version"),
                rs.getString("id"),
                rs.getString("ingest_id"),
                rs.getString("url"),
                rs.getString("canonical_url"),
                rs.getString("outlet"),
                rs.getString("title"),
                rs.getString("byline"),
                PgValues.getInstant(rs, "published_at"),
                PgValues.getInstant(rs, "fetched_at"),
                rs.getString("language"),
                rs.getString("text"),
                rs.getInt("word_count"),
                rs.getString("story_id"),
                relation == null ? null : Relation.fromWire(relation),
                rs.getString("duplicate_of"),
                sim,
                bp);
    }

    static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
