package dev.rewire.sink.postgres;

import dev.rewire.model.RewriteEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rewrites} table: one row per article of {@code news.rewrites} (keyed by article id; the
 * latest event wins). Idempotent; runs on the caller's connection and transaction.
 */
public final class RewriteRepository {

    private static final String UPSERT = """
            INSERT INTO rewrites (article_id, schema_version, story_id, original_id, relation, similarity, outlet,
                                  original_outlet, lag_seconds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (article_id) DO UPDATE SET
                schema_version  = EXCLUDED.schema_version,
                story_id        = EXCLUDED.story_id,
                original_id     = EXCLUDED.original_id,
                relation        = EXCLUDED.relation,
                similarity      = EXCLUDED.similarity,
                outlet          = EXCLUDED.outlet,
                original_outlet = EXCLUDED.original_outlet,
                lag_seconds     = EXCLUDED.lag_seconds,
                updated_at      = now()
            """;

    /** Upserts {@code events}; does not commit. @return rows written */
    public int upsert(Connection c, List<RewriteEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        Map<String, RewriteEvent> last = new LinkedHashMap<>();
        for (RewriteEvent e : events) {
            last.remove(e.articleId());
            last.put(e.articleId(), e);
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (RewriteEvent e : last.values()) {
                int i = 1;
                PgValues.setText(ps, i++, e.articleId());
                ps.setInt(i++, e.schemaVersion());
                PgValues.setText(ps, i++, e.storyId());
                PgValues.setText(ps, i++, e.originalId());
                PgValues.setText(ps, i++, e.relation() == null ? null : e.relation().wireName());
                if (e.similarity() == null || e.similarity().isNaN() || e.similarity().isInfinite()) {
                    ps.setNull(i++, Types.DOUBLE);
                } else {
                    ps.setDouble(i++, e.similarity());
                }
                PgValues.setText(ps, i++, e.outlet());
                PgValues.setText(ps, i++, e.originalOutlet());
                ps.setLong(i, e.lagSeconds());
                ps.addBatch();
            }
            ps.executeBatch();
            return last.size();
        }
    }
}
