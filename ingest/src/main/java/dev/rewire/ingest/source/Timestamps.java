package dev.rewire.ingest.source;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Lenient ISO-8601 parsing of the time hints of input files; zone-less values are taken as UTC. */
final class Timestamps {

    private Timestamps() {
    }

    /**
     * Parses {@code 2024-05-01T10:00:00Z}, {@code 2024-05-01T12:00:00+02:00}, {@code 2024-05-01T10:00:00}
     * (UTC) or {@code 2024-05-01} (midnight UTC).
     *
     * @throws DateTimeParseException when none of these forms matches
     */
    static Instant parse(String text) {
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // fall through to the zone-less forms
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // fall through
        }
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
