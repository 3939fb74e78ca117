package dev.rewire.sink.web;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Answers a repeated read-model query from memory for a short time ({@code web.cacheFor}). Exists because
 * every open dashboard reloads its lists after each story change and every live stream polls for changes:
 * with many dashboards on a busy sink, identical queries would reach PostgreSQL once per client. With this,
 * an identical query runs at most once per {@code cacheFor} whatever the number of clients; concurrent
 * callers of an expired entry wait for one load instead of all running it. Answers are at most that old.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} distinct queries are held (their keys come from request
 * parameters); when full, expired entries are dropped, and a query that still finds no room is run
 * uncached. Values must be immutable. Thread-safe.
 */
final class ShortCache {

    static final int MAX_ENTRIES = 1024;

    /** A query run on a miss. */
    @FunctionalInterface
    interface Load<T> {
        T run() throws SQLException;
    }

    private static final class Slot {
        long expiresAt;
        boolean loaded;
        Object value;
    }

    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<Object, Slot> slots = new ConcurrentHashMap<>();

    /** A cache holding answers for {@code ttlNanos} (0 or less: no caching), timed by {@code nanoClock}. */
    ShortCache(long ttlNanos, LongSupplier nanoClock) {
        this.ttlNanos = ttlNanos;
        this.nanoClock = nanoClock;
    }

    /** The answer to the query {@code key}: a held one younger than the time to live, or a fresh one. */
    @SuppressWarnings("unchecked")
    <T> T get(Object key, Load<T> load) throws SQLException {
        if (ttlNanos <= 0) {
            return load.run();
        }
        Slot slot = slots.get(key);
        if (slot == null) {
            if (slots.size() >= MAX_ENTRIES) {
                long now = nanoClock.getAsLong();
                slots.values().removeIf(s -> s.loaded && now - s.expiresAt >= 0);
                if (slots.size() >= MAX_ENTRIES) {
                    return load.run();
                }
            }
            slot = slots.computeIfAbsent(key, k -> new Slot());
        }
        synchronized (slot) {
            if (slot.loaded && nanoClock.getAsLong() - slot.expiresAt < 0) {
                return (T) slot.value;
            }
            T value = load.run();
            slot.value = value;
            slot.loaded = true;
            slot.expiresAt = nanoClock.getAsLong() + ttlNanos;
            return value;
        }
    }
}
