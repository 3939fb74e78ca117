package dev.rewire.enrich.analytics;

/**
 * One fact about an outlet, from either input topic: an article it published (original or follower), or
 * the lag of one of its copies or rewrites behind the story's first article. Merging both topics into one
 * stream lets one windowed aggregate per outlet count articles and collect lags.
 *
 * @param lagSeconds null for an article observation
 */
public record Observation(boolean article, boolean original, Long lagSeconds) {
}
