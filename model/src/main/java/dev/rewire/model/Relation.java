package dev.rewire.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How an article relates to the story it was assigned to. Serialised in lower case, as the design's
 * contract spells it ({@code original | exact | near | rewrite}).
 */
public enum Relation {
    /** The first article of its story. */
    ORIGINAL,
    /** The same normalised body text as an earlier member (syndicated copy). */
    EXACT,
    /** The same text with light edits (high shingle overlap). */
    NEAR,
    /** A paraphrase of the same story: same event and facts, different wording. */
    REWRITE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Relation fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
