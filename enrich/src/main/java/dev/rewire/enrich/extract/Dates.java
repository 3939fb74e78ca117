package dev.rewire.enrich.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Lenient parsing of the date forms pages put in metadata; null when nothing fits. */
final class Dates {

    private static final DateTimeFormatter NO_COLON_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]Z");
    /** "2031-04-02 08:30:00" and "2031-04-02 08:30" (no zone: read as UTC). */
    private static final DateTimeFormatter SPACE_SEPARATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");
    /** "2031-04-02 08:30:00 +0200" and "2031-04-02 08:30:00+02:00". */
    private static final DateTimeFormatter SPACE_SEPARATED_OFFSET = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm[:ss][ ][XXX][XX]");
    /** Dates in URL paths: /2031/04/02/, /2031-04-02-, /20310402/. Years 1995–2099 only. */
    private static final java.util.regex.Pattern URL_DATE = java.util.regex.Pattern.compile(
            "[/_-]((?:199[5-9]|20\\d\\d))[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\\d|3[01])(?=[/_.-]|$)");

    private Dates() {
    }

    static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String s = value.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return ZonedDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return OffsetDateTime.parse(s, NO_COLON_OFFSET).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        if (s.matches("\\d{9,13}")) {
            long n = Long.parseLong(s); // epoch seconds or milliseconds
            Instant t = s.length() >= 12 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
            return plausible(t) ? t : null;
        }
        try {
            return java.time.ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return OffsetDateTime.parse(s, SPACE_SEPARATED_OFFSET).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(s, SPACE_SEPARATED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** A date in the path of {@code url} (midnight UTC), or null. */
    static Instant fromUrl(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        var m = URL_DATE.matcher(q < 0 ? url : url.substring(0, q));
        if (!m.find()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null; // 2031/02/31
        }
    }

    private static boolean plausible(Instant t) {
        return t.isAfter(Instant.parse("1990-01-01T00:00:00Z")) && t.isBefore(Instant.parse("2100-01-01T00:00:00Z"));
    }
}
