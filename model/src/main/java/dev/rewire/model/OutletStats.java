package dev.rewire.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Per-outlet activity in one time window: the value of {@code news.analytics.outlets}, keyed by outlet and
 * window start.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OutletStats(
        int schemaVersion,
        String outlet,
        Instant windowStart,
        Instant windowEnd,
        long articles,
        long originals,
        long rewrites,
        Long medianLagSeconds) {

    public static final int SCHEMA_VERSION = 1;
}
