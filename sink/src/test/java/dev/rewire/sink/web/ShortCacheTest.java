package dev.rewire.sink.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShortCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger loads = new AtomicInteger();

    private ShortCache cache(long ttlNanos) {
        return new ShortCache(ttlNanos, now::get);
    }

    private String load(String answer) {
        loads.incrementAndGet();
        return answer;
    }

    @Test
    void aRepeatedQueryIsAnsweredFromMemoryUntilItsTimeToLiveRunsOut() throws SQLException {
        ShortCache cache = cache(1_000);
        assertThat(cache.get("q", () -> load("first"))).isEqualTo("first");
        now.addAndGet(999);
        assertThat(cache.get("q", () -> load("second"))).isEqualTo("first");
        assertThat(loads).hasValue(1);
        now.addAndGet(1);
        assertThat(cache.get("q", () -> load("third"))).isEqualTo("third");
        assertThat(cache.get(List.of("q", 2), () -> load("other"))).as("another query").isEqualTo("other");
        assertThat(loads).hasValue(3);
    }

    @Test
    void noTimeToLiveMeansEveryQueryRuns() throws SQLException {
        ShortCache cache = cache(0);
        cache.get("q", () -> load("a"));
        assertThat(cache.get("q", () -> load("b"))).isEqualTo("b");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aFailedQueryIsNotRemembered() throws SQLException {
        ShortCache cache = cache(1_000);
        assertThatThrownBy(() -> cache.get("q", () -> {
            throw new SQLException("connection lost");
        })).isInstanceOf(SQLException.class).hasMessage("connection lost");
        assertThat(cache.get("q", () -> load("fresh"))).isEqualTo("fresh");
    }

    /**
     * {@code callers} threads ask query "q" of {@code cache} at once; its load (run by whichever comes first)
     * waits until every caller has made its call, then gives {@code answer}'s result. Their answers.
     */
    private List<Future<String>> askTogether(ShortCache cache, int callers, ShortCache.Load<String> answer) {
        CountDownLatch asked = new CountDownLatch(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            answers.add(pool.submit(() -> {
                asked.countDown();
                return cache.get("q", () -> {
                    loads.incrementAndGet();
                    try {
                        asked.await(10, TimeUnit.SECONDS);  // a slow query: every caller arrives meanwhile
                        Thread.sleep(100);  // and gets from its count-down into the cache
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return answer.run();
                });
            }));
        }
        pool.shutdown();
        return answers;
    }

    @Test
    void concurrentCallersOfOneQueryWaitForASingleLoad() throws Exception {
        ShortCache cache = cache(TimeUnit.SECONDS.toNanos(60));
        for (Future<String> f : askTogether(cache, 8, () -> "answer")) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("answer");
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void callersWaitingForAFailingQueryShareItsFailureAndNothingIsHeld() throws Exception {
        ShortCache cache = cache(TimeUnit.SECONDS.toNanos(60));
        List<Future<String>> answers = askTogether(cache, 4, () -> {
            throw new SQLException("database unavailable", "08006");
        });
        for (Future<String> f : answers) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class)
                    .hasStackTraceContaining("database unavailable");
        }
        assertThat(loads).as("one load for the four callers").hasValue(1);
        assertThat(cache.get("q", () -> load("recovered"))).isEqualTo("recovered");
    }

    @Test
    void holdsABoundedNumberOfQueriesAndMakesRoomByDroppingExpiredOnes() throws SQLException {
        ShortCache cache = cache(1_000);
        for (int i = 0; i < ShortCache.MAX_ENTRIES; i++) {
            cache.get("q" + i, () -> load("a"));
        }
        assertThat(cache.get("one more", () -> load("uncached"))).isEqualTo("uncached");
        assertThat(cache.get("one more", () -> load("run again"))).as("no room: run each time").isEqualTo("run again");
        now.addAndGet(1_000);  // every entry expired: room again
        cache.get("one more", () -> load("held"));
        assertThat(cache.get("one more", () -> load("not run"))).isEqualTo("held");
        assertThat(loads).hasValue(ShortCache.MAX_ENTRIES + 3);
    }
}
