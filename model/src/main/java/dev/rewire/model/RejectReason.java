package dev.rewire.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The stable codes of why an input could not be cleaned. Dashboards and alerts key on {@link #code()},
 * so codes are never renamed; new ones may be added.
 */
public enum RejectReason {
    /** The input line or record is not valid JSON of the expected shape. */
    MALFORMED_RECORD,
    /** An input file or record could not be read at all (I/O error, bad compression, unknown format). */
    UNREADABLE_INPUT,
    /** The record has no URL, so it cannot be identified. */
    MISSING_URL,
    /** The body is empty or only whitespace. */
    EMPTY_BODY,
    /** The body looks like binary data rather than text. */
    BINARY_CONTENT,
    /** The body exceeds the configured size limit. */
    TOO_LARGE,
    /** The parser gave up, or the page's structure could not be processed within limits. */
    UNPARSEABLE,
    /** The page parsed but holds no article text (for example a home page or a listing). */
    NO_ARTICLE,
    /** An unexpected failure while processing; the message says what. */
    PROCESSING_ERROR;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static RejectReason fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
