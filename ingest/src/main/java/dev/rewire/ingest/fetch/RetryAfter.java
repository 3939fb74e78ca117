package dev.rewire.ingest.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Exists so that
 * 429 and 503 answers slow the crawler down exactly as much as the server asked, never less.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The longest delay reported: a server asking for more (years, a date in 9999) is answered with a day,
     * which the scraper caps further at {@code ingest.retry.maxBackoff}; the cap keeps every delay a
     * countable number of nanoseconds.
     */
    public static final Duration MAX = Duration.ofDays(1);

    /**
     * The delay {@code value} asks for, measured from {@code now}, at most {@link #MAX}; null when absent or
     * unparseable.
     */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Duration d;
        try {
            long seconds = Long.parseLong(v);
            if (seconds < 0) {
                return null;
            }
            d = Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            if (v.chars().allMatch(Character::isDigit)) {
                return MAX;  // delay-seconds too large for a long
            }
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                d = Duration.between(now, at);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        return d.isNegative() ? Duration.ZERO : d.compareTo(MAX) > 0 ? MAX : d;
    }
}
