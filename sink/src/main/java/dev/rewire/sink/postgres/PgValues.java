package dev.rewire.sink.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between record fields and PostgreSQL values shared by the repositories. */
final class PgValues {

    private PgValues() {
    }

    /**
     * PostgreSQL text cannot hold U+0000; a page that smuggles one in must not poison a batch forever,
     * so it is dropped.
     */
    static String text(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace("\u0000", "");
    }

    static void setText(PreparedStatement ps, int index, String value) throws SQLException {
        ps.setString(index, text(value));
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
