package dev.rewire.enrich.clean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One counter per boilerplate rule ({@value #REMOVED}, tagged {@code rule}): how many blocks or lines each
 * rule removed, so a rule that suddenly claims much more (or nothing) shows on a dashboard. Counters are
 * created on first use, since rule names come from the chain. Thread-safe.
 */
public final class BoilerplateMeters {

    /** Blocks or lines removed, tagged {@code rule} with the rule's name. */
    public static final String REMOVED = "rewire.enrich.boilerplate.removed";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public BoilerplateMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Adds every count of {@code removed} (rule name → count) to its rule's counter. */
    public void record(Map<String, Integer> removed) {
        if (removed == null) {
            return;
        }
        removed.forEach((rule, n) -> counters.computeIfAbsent(rule, r -> Counter.builder(REMOVED)
                .description("blocks or lines removed as boilerplate, by rule").tag("rule", r).register(registry))
                .increment(n));
    }
}
