package dev.rewire.sink.web;

import java.time.Instant;
import java.util.List;

/** Who rewrites whom: per-outlet totals and the first-outlet → follower edges, for the outlets page. */
public record OutletsView(List<Outlet> outlets, List<Edge> edges, List<HourBucket> activity) {

    /**
     * @param medianLagSeconds median lag of this outlet's copies and rewrites behind the story's first
     *                         article (null when it never followed)
     */
    public record Outlet(String outlet, int articles, int originals, int rewrites, Long medianLagSeconds,
                         Instant firstSeenAt, Instant lastSeenAt) {
    }

    /** How often {@code rewritingOutlet} followed {@code firstOutlet} on a story, and how fast. */
    public record Edge(String firstOutlet, String rewritingOutlet, long count, Long medianLagSeconds) {
    }

    /** Articles per hour of event time (the last 24 hours of data). */
    public record HourBucket(Instant hour, long articles, long originals, long rewrites) {
    }
}
