package dev.rewire.sink.postgres;

import dev.rewire.model.Story;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code stories} table: the latest state of each story from the compacted {@code news.stories}
 * topic. Upserts replace the whole row (the latest record is the whole truth); a tombstone deletes it.
 * Idempotent; thread-safe (one connection per call, or the caller's).
 */
public final class StoryRepository {

    static final String UPSERT = """
            INSERT INTO stories (story_id, schema_version, title, first_seen_at, first_outlet, member_count,
                                 outlets, last_seen_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (story_id) DO UPDATE SET
                schema_version = EXCLUDED.schema_version,
                title          = EXCLUDED.title,
                first_seen_at  = EXCLUDED.first_seen_at,
                first_outlet   = EXCLUDED.first_outlet,
                member_count   = EXCLUDED.member_count,
                outlets        = EXCLUDED.outlets,
                last_seen_at   = EXCLUDED.last_seen_at,
                updated_at     = now()
            """;

    private final DataSource dataSource;

    public StoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Upserts {@code stories} in one transaction; the last occurrence of a story id wins. */
    public int upsert(List<Story> stories) throws SQLException {
        if (stories.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n = upsert(c, stories);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                ArticleRepository.rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    /** Upserts on the caller's connection and transaction; does not commit. */
    public int upsert(Connection c, List<Story> stories) throws SQLException {
        if (stories.isEmpty()) {
            return 0;
        }
        Map<String, Story> last = new LinkedHashMap<>();
        for (Story s : stories) {
            last.remove(s.storyId());
            last.put(s.storyId(), s);
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (Story s : last.values()) {
                int i = 1;
                PgValues.setText(ps, i++, s.storyId());
                ps.setInt(i++, s.schemaVersion());
                PgValues.setText(ps, i++, s.title());
                PgValues.setInstant(ps, i++, s.firstSeenAt());
                PgValues.setText(ps, i++, s.firstOutlet());
                ps.setInt(i++, s.memberCount());
                List<String> outlets = new ArrayList<>();
                if (s.outlets() != null) {
                    s.outlets().stream().filter(o -> o != null).forEach(o -> outlets.add(PgValues.text(o)));
                }
                ps.setArray(i++, c.createArrayOf("text", outlets.toArray()));
                PgValues.setInstant(ps, i, s.lastSeenAt());
                ps.addBatch();
            }
            ps.executeBatch();
            return last.size();
        }
    }

    /** Deletes the stories with these ids on the caller's connection and transaction; does not commit. */
    public int delete(Connection c, Collection<String> storyIds) throws SQLException {
        if (storyIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM stories WHERE story_id = ?")) {
            for (String id : storyIds) {
                PgValues.setText(ps, 1, id);
                ps.addBatch();
            }
            int n = 0;
            for (int count : ps.executeBatch()) {
                n += Math.max(count, 0);
            }
            return n;
        }
    }

    /** Rows in the table. */
    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM stories")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The stored story with this id. */
    public Optional<Story> find(String storyId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM stories WHERE story_id = ?")) {
            ps.setString(1, storyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array array = rs.getArray("outlets");
                List<String> outlets = array == null ? List.of() : List.of((String[]) array.getArray());
                return Optional.of(new Story(rs.getInt("schema_version"), rs.getString("story_id"),
                        rs.getString("title"), PgValues.getInstant(rs, "first_seen_at"), rs.getString("first_outlet"),
                        rs.getInt("member_count"), outlets, PgValues.getInstant(rs, "last_seen_at")));
            }
        }
    }
}
