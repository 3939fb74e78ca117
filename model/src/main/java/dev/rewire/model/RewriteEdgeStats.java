package dev.rewire.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * How often one outlet followed another on a story in one window: the value of
 * {@code news.analytics.edges}, keyed by {@code firstOutlet -> rewritingOutlet} and window start.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RewriteEdgeStats(
        int schemaVersion,
        String firstOutlet,
        String rewritingOutlet,
        Instant windowStart,
        Instant windowEnd,
        long count,
        Long medianLagSeconds) {

    public static final int SCHEMA_VERSION = 1;
}
