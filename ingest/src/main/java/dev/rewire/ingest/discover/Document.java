package dev.rewire.ingest.discover;

import java.util.List;

/**
 * What one fetched discovery document yielded.
 *
 * @param format   {@code rss}, {@code rdf}, {@code atom}, {@code json-feed}, {@code sitemap}, {@code sitemap-index}
 *                 or {@code url-list}
 * @param items    the article links, normalised, in document order
 * @param sitemaps child sitemaps to read (of a sitemap index), normalised
 */
public record Document(String format, List<FeedItem> items, List<String> sitemaps) {
}
