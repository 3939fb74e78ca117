package dev.rewire.enrich.analytics;

import java.util.List;

/**
 * The running state of one outlet in one window (state store value): articles, how many were originals
 * and how many copies or rewrites, and the lag samples behind each story's first article.
 */
public record OutletTally(long articles, long originals, long rewrites, List<Long> lagSamples) {

    static final OutletTally EMPTY = new OutletTally(0, 0, 0, List.of());
}
