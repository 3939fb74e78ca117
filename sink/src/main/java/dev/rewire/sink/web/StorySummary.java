package dev.rewire.sink.web;

import java.time.Instant;
import java.util.List;

/**
 * One story as the feeds and the dashboard list it: the best version's title, text and link, and the
 * story's spread. {@code seq} grows with every change of the story (the feed cursor and stream event id).
 *
 * @param recentMembers members whose event time is within the hour before the newest article stored (velocity)
 */
public record StorySummary(
        String storyId,
        String title,
        String text,
        String url,
        String bestArticleId,
        Instant firstSeenAt,
        Instant lastSeenAt,
        String firstOutlet,
        int memberCount,
        int rewriteCount,
        int outletCount,
        List<String> outlets,
        List<String> languages,
        long recentMembers,
        long seq,
        Instant updatedAt) {
}
