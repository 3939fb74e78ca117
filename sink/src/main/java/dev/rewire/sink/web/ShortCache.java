package dev.rewire.sink.web;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Shares the answer to one read-model query among the requests that ask it within a short time
 * ({@code web.cacheFor}). Exists because every open dashboard reloads its lists after each story change,
 * at about the same moment as the others: with many dashboards on a busy sink, the same query would
 * otherwise reach PostgreSQL once per client. An answer is held for the time to live counted from the
 * moment its query started, so it never shows the data as it was longer ago than that (the dashboard waits
 * longer than that after a change before reloading).
 *
 * <p>Concurrent requests for a query being loaded wait for that one load and share its answer or its
 * failure; a failure is not held. About {@value #MAX_ENTRIES} answers are held at most (keys come from
 * request parameters): expired ones are dropped at every call, and a query that finds no room is run
 * uncached. Values must be immutable. Thread-safe.
 */
final class ShortCache {

    static final int MAX_ENTRIES = 64;

    /** A query run on a miss. */
    @FunctionalInterface
    interface Load<T> {
        T run() throws SQLException;
    }

    private static final class Slot {
        final CompletableFuture<Object> answer = new CompletableFuture<>();
        /** Set before {@link #answer} completes. */
        volatile long expiresAt;
    }

    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<Object, Slot> slots = new ConcurrentHashMap<>();

    /** A cache holding answers for {@code ttlNanos} (0 or less: no caching), timed by {@code nanoClock}. */
    ShortCache(long ttlNanos, LongSupplier nanoClock) {
        this.ttlNanos = ttlNanos;
        this.nanoClock = nanoClock;
    }

    /** The answer to the query {@code key}: one held and younger than the time to live, or a fresh one. */
    <T> T get(Object key, Load<T> load) throws SQLException {
        if (ttlNanos <= 0) {
            return load.run();
        }
        long now = nanoClock.getAsLong();
        slots.values().removeIf(s -> expired(s, now));  // at most MAX_ENTRIES and a few: cheap
        Slot slot = slots.get(key);
        if (slot == null) {
            if (slots.size() >= MAX_ENTRIES) {
                return load.run();
            }
            Slot mine = new Slot();
            slot = slots.putIfAbsent(key, mine);
            if (slot == null) {
                return loadInto(key, mine, load);
            }
        }
        return await(slot);
    }

    private <T> T loadInto(Object key, Slot slot, Load<T> load) throws SQLException {
        long started = nanoClock.getAsLong();  // the answer shows the data as of about now
        try {
            T value = load.run();
            slot.expiresAt = started + ttlNanos;
            slot.answer.complete(value);
            return value;
        } catch (Throwable e) {  // anything: the waiters must not wait for ever
            slots.remove(key, slot);
            slot.answer.completeExceptionally(e);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T await(Slot slot) throws SQLException {
        try {
            return (T) slot.answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a query another request runs", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw new SQLException(sql.getMessage(), sql.getSQLState(), sql.getErrorCode(), sql);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new SQLException(cause);
        }
    }

    private static boolean expired(Slot slot, long now) {
        return slot.answer.isDone() && now - slot.expiresAt >= 0;
    }
}
