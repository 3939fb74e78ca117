package dev.rewire.enrich.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * The lag samples a window keeps for its median: the most recent {@code max} values, so a busy window's
 * state stays bounded. Deterministic (replaying the same records gives the same median). Immutable helpers.
 */
final class LagSamples {

    private LagSamples() {
    }

    /** {@code samples} plus {@code lag}, dropping the oldest beyond {@code max}. */
    static List<Long> add(List<Long> samples, long lag, int max) {
        List<Long> out = new ArrayList<>(samples == null ? List.of() : samples);
        out.add(lag);
        while (out.size() > max) {
            out.remove(0);
        }
        return out;
    }

    /** The lower median of {@code samples}, or null when there are none. */
    static Long median(List<Long> samples) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }
}
