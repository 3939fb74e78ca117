package dev.rewire.sink.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@code sink_offsets} table: the next offset to consume per consumer group and partition, written in
 * the same transaction as the rows those records produced. Because data and position commit or roll back
 * together, a sink that seeks to these offsets on start-up neither skips nor re-applies a record, whatever
 * moment it was killed at. Thread-safe (one connection per call, or the caller's).
 */
public final class OffsetStore {

    private static final String UPSERT = """
            INSERT INTO sink_offsets (consumer_group, topic, partition, next_offset, updated_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET
                next_offset = greatest(sink_offsets.next_offset, EXCLUDED.next_offset),
                updated_at  = now()
            """;

    private final DataSource dataSource;
    private final String group;

    public OffsetStore(DataSource dataSource, String group) {
        this.dataSource = dataSource;
        this.group = group;
    }

    /**
     * Stores {@code next} on the caller's connection and transaction; does not commit. Offsets never move
     * backwards (a stale writer cannot rewind the stored position).
     */
    public void store(Connection c, Map<TopicPartition, Long> next) throws SQLException {
        if (next.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
                ps.setString(1, group);
                ps.setString(2, e.getKey().topic());
                ps.setInt(3, e.getKey().partition());
                ps.setLong(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored next offsets of {@code partitions} (those that have one). */
    public Map<TopicPartition, Long> load(Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT topic, partition, next_offset FROM sink_offsets WHERE consumer_group = ?")) {
            ps.setString(1, group);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TopicPartition tp = new TopicPartition(rs.getString(1), rs.getInt(2));
                    if (partitions.contains(tp)) {
                        out.put(tp, rs.getLong(3));
                    }
                }
            }
        }
        return out;
    }
}
