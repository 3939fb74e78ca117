package dev.rewire.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An input that could not be cleaned: the value of {@code news.rejected}, keyed by the input's key.
 *
 * <p>Carries the stable reason code and a human message, the stage that gave up, and enough of the input
 * (URL, outlet, ingest id, an excerpt) to find or replay it. Every input of the pipeline ends either as a
 * {@link CleanArticle} or as one of these. {@code inputBytes} is the input's size in bytes (its UTF-8
 * length when it was text), not in characters.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Rejected(
        int schemaVersion,
        String inputKey,
        String ingestId,
        String stage,
        Reason reason,
        Instant at,
        String url,
        String outlet,
        String discoveredVia,
        long inputBytes,
        String excerpt) {

    public static final int SCHEMA_VERSION = 1;
    /** Longest excerpt of the input kept in a rejection, in characters. */
    public static final int MAX_EXCERPT = 2_000;

    /** The reason an input was rejected: a stable code and a message for people. */
    public record Reason(RejectReason code, String message) {
    }

    /**
     * Builds a rejection, cutting {@code input} down to a short excerpt, and the key, URL and outlet to
     * {@value #MAX_EXCERPT} characters (a rejection must stay small even when the input's fields are huge).
     * Cuts never split a surrogate pair.
     */
    public static Rejected of(String stage, RejectReason code, String message, String inputKey, String ingestId,
                              String url, String outlet, String discoveredVia, String input, Instant at) {
        long bytes = input == null ? 0 : utf8Length(input);
        return new Rejected(SCHEMA_VERSION, cut(inputKey), ingestId, stage, new Reason(code, message), at, cut(url),
                cut(outlet), discoveredVia, bytes, cut(input));
    }

    /**
     * The length of {@code s} in UTF-8, as {@code s.getBytes(UTF_8).length} would say (a lone surrogate
     * counts as the one byte of its replacement), without encoding a copy of a possibly huge input.
     */
    public static long utf8Length(CharSequence s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The first {@value #MAX_EXCERPT} characters of {@code s} (one fewer rather than half a surrogate pair). */
    public static String cut(String s) {
        if (s == null || s.length() <= MAX_EXCERPT) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX_EXCERPT - 1)) ? MAX_EXCERPT - 1 : MAX_EXCERPT;
        return s.substring(0, end);
    }
}
