package dev.rewire.sink;

import dev.rewire.config.RewireConfig;
import java.time.Duration;

/**
 * How a sink retries a failed write: {@code maxAttempts} attempts in all, waiting {@code initialBackoff}
 * after the first failure and doubling up to {@code maxBackoff}. Bounded on purpose: a sink that cannot
 * write must stop and say so rather than spin or stall forever.
 *
 * @param maxAttempts    attempts in all, at least 1
 * @param initialBackoff wait after the first failure
 * @param maxBackoff     longest wait between attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("back-off durations must not be negative");
        }
    }

    /** From {@code sink.retry.maxAttempts}, {@code sink.retry.initialBackoff}, {@code sink.retry.maxBackoff}. */
    public static RetryPolicy fromConfig(RewireConfig cfg) {
        return new RetryPolicy(cfg.getInt("sink.retry.maxAttempts"), cfg.getDuration("sink.retry.initialBackoff"),
                cfg.getDuration("sink.retry.maxBackoff"));
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
