package dev.rewire.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The current state of a story: the value of the compacted {@code news.stories} topic, keyed by story id.
 * Each update replaces the previous one, so the latest record is the whole truth.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Story(
        int schemaVersion,
        String storyId,
        String title,
        Instant firstSeenAt,
        String firstOutlet,
        int memberCount,
        List<String> outlets,
        Instant lastSeenAt) {

    public static final int SCHEMA_VERSION = 1;
}
