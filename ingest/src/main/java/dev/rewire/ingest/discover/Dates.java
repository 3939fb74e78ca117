package dev.rewire.ingest.discover;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Lenient parsing of the dates feeds carry: RFC 822/1123 ({@code pubDate}, with or without the weekday, with
 * zone names such as {@code GMT}, {@code EST} or numeric offsets) and ISO 8601 (Atom, RDF {@code dc:date},
 * JSON Feed, sitemaps; date-only values mean midnight UTC). Unparseable dates give null, never an error:
 * a wrong publish date is worse than none.
 */
public final class Dates {

    private static final Map<String, String> ZONES = Map.ofEntries(Map.entry("UT", "+0000"),
            Map.entry("GMT", "+0000"), Map.entry("Z", "+0000"), Map.entry("EST", "-0500"), Map.entry("EDT", "-0400"),
            Map.entry("CST", "-0600"), Map.entry("CDT", "-0500"), Map.entry("MST", "-0700"), Map.entry("MDT", "-0600"),
            Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"));
    private static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("d MMM yyyy H:mm[:ss] Z", Locale.ROOT);

    private Dates() {
    }

    /** The instant {@code text} names, or null. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // not ISO with offset
        }
        try {
            return java.time.LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not ISO local
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException ignored) {
            // not a date
        }
        String r = t;
        int comma = r.indexOf(',');
        if (comma >= 0 && comma < 5) {
            r = r.substring(comma + 1).strip();
        }
        r = r.replaceAll("\\s+", " ");
        int space = r.lastIndexOf(' ');
        if (space > 0) {
            String zone = r.substring(space + 1).toUpperCase(Locale.ROOT);
            if (ZONES.containsKey(zone)) {
                r = r.substring(0, space + 1) + ZONES.get(zone);
            }
        }
        try {
            return ZonedDateTime.parse(r, RFC822).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
