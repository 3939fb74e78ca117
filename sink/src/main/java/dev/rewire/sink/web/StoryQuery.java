package dev.rewire.sink.web;

import java.time.Instant;

/**
 * Filters and paging of a story listing; every field is optional (null or 0 = no filter).
 *
 * @param outlet     only stories with a member from this outlet
 * @param language   only stories with a member in this language
 * @param since      only stories created or updated (in the read model) at or after this instant
 * @param minOutlets only stories carried by at least this many outlets
 * @param before     cursor: only stories whose {@code seq} is below this (0 = from the newest)
 * @param limit      page size
 * @param ranked     order by rewrites and velocity (the dashboard) instead of most recently updated first;
 *                   a ranked listing has no cursor
 */
public record StoryQuery(String outlet, String language, Instant since, int minOutlets, long before, int limit,
                         boolean ranked) {
}
