package dev.rewire.deploy.newsroom;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When each article of the newsroom goes live, so that a demo shows stories growing: the first
 * {@code initial} articles (about half) are out at the start instant, then one more every
 * {@code interval}. Pure arithmetic on instants from the caller's clock, so no background thread is
 * needed and a test can move time by hand. A zero interval releases everything at once.
 */
final class ReleaseSchedule {

    private static final Duration BACKFILL_STEP = Duration.ofMinutes(1);

    private final Instant start;
    private final Duration interval;
    private final int total;
    private final int initial;

    ReleaseSchedule(Instant start, Duration interval, int total) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("release interval must not be negative: " + interval);
        }
        this.start = start.truncatedTo(ChronoUnit.SECONDS);
        this.interval = interval;
        this.total = total;
        this.initial = interval.isZero() ? total : (total + 1) / 2;
    }

    /** How many articles (a prefix of the release order) are published at {@code now}. */
    int releasedAt(Instant now) {
        if (interval.isZero() || !now.isAfter(start)) {
            return initial;
        }
        long steps = Duration.between(start, now).dividedBy(interval);
        return (int) Math.min(total, initial + steps);
    }

    /**
     * The published time of the article at {@code index} in the release order: the initial batch is
     * back-dated one interval apart (a minute apart when the interval is zero) up to the start instant,
     * every later article gets the instant it goes live.
     */
    Instant publishedAt(int index) {
        Duration step = interval.isZero() ? BACKFILL_STEP : interval;
        int offset = index - (initial - 1);
        if (offset <= 0) {
            return start.minus(step.multipliedBy(-offset));
        }
        return start.plus(interval.multipliedBy(offset));
    }
}
