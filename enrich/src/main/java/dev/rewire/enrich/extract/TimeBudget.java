package dev.rewire.enrich.extract;

/**
 * A per-page time budget for extraction, checked cooperatively. Jsoup's parser cannot be interrupted, but it is
 * linear in the (size-limited) input; the steps after it walk the tree and call {@link #check()} every few
 * thousand nodes, so a page that would take too long stops with {@link Exceeded} instead of holding its stream
 * thread. The budget is thread-confined (one stream thread cleans one page at a time).
 */
public final class TimeBudget {

    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

    private TimeBudget() {
    }

    /** Thrown by {@link #check()} once the current page's budget is spent. */
    public static final class Exceeded extends RuntimeException {
        Exceeded(long budgetMillis) {
            super("extraction took longer than its budget of " + budgetMillis + " ms", null, false, false);
        }
    }

    /** Starts a budget of {@code millis} for the current thread (0 or less: unlimited). */
    public static void start(long millis) {
        DEADLINE.set(millis <= 0 ? null : new long[] {System.nanoTime() + millis * 1_000_000L, millis});
    }

    /** Ends the current thread's budget. */
    public static void clear() {
        DEADLINE.remove();
    }

    /** Throws {@link Exceeded} when the current thread's budget is spent; cheap when it is not. */
    public static void check() {
        long[] d = DEADLINE.get();
        if (d != null && System.nanoTime() - d[0] > 0) {
            throw new Exceeded(d[1]);
        }
    }
}
