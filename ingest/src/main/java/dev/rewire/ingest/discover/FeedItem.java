package dev.rewire.ingest.discover;

import java.time.Instant;

/**
 * One article link found in a feed or a sitemap, with the hints it came with.
 *
 * @param url         the normalised article URL
 * @param title       the title the feed or news sitemap gives, or null
 * @param publishedAt the publication (or, failing that, last modification) time given, or null
 */
public record FeedItem(String url, String title, Instant publishedAt) {
}
