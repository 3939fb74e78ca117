package dev.rewire.enrich.analytics;

import java.util.List;

/** The running state of one first-outlet → follower edge in one window (state store value). */
public record EdgeTally(String firstOutlet, String rewritingOutlet, long count, List<Long> lagSamples) {

    static final EdgeTally EMPTY = new EdgeTally(null, null, 0, List.of());
}
