package dev.rewire.ingest.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontierTest {

    /** A clock tests move by hand. */
    private static final class HandClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T00:00:00Z"));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }
    }

    @Test
    void remembersAcrossReopeningAndForgetsAfterTheTimeToLive(@TempDir Path dir) throws Exception {
        HandClock clock = new HandClock();
        Path file = dir.resolve("f/frontier.log");
        try (Frontier f = Frontier.open(file, Duration.ofDays(2), 100, clock)) {
            assertThat(f.add("https://a.example/1")).isTrue();
            assertThat(f.add("https://a.example/1")).isFalse();
            f.add("https://a.example/2");
            f.flush();
        }
        clock.advance(Duration.ofDays(1));
        try (Frontier f = Frontier.open(file, Duration.ofDays(2), 100, clock)) {
            assertThat(f.contains("https://a.example/1")).isTrue();
            assertThat(f.size()).isEqualTo(2);
            clock.advance(Duration.ofDays(1).plusSeconds(1));
            assertThat(f.contains("https://a.example/2")).isFalse();
        }
    }

    @Test
    void isBoundedAndCompactsItsLog(@TempDir Path dir) throws Exception {
        HandClock clock = new HandClock();
        Path file = dir.resolve("frontier.log");
        try (Frontier f = Frontier.open(file, Duration.ofDays(30), 10, clock)) {
            for (int i = 0; i < 3000; i++) {
                f.add("https://a.example/" + i);
            }
            assertThat(f.size()).isEqualTo(10);
            assertThat(f.contains("https://a.example/0")).isFalse();
            assertThat(f.contains("https://a.example/2999")).isTrue();
        }
        assertThat(Files.readAllLines(file)).hasSize(3000);
        try (Frontier f = Frontier.open(file, Duration.ofDays(30), 10, clock)) {
            assertThat(f.size()).isEqualTo(10);
        }
        assertThat(Files.readAllLines(file)).hasSize(10);
    }

    @Test
    void toleratesALineCutByACrash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("frontier.log");
        Files.writeString(file, "1772323200\thttps://a.example/ok\n17723");
        try (Frontier f = Frontier.open(file, Duration.ofDays(3650), 10, Clock.systemUTC())) {
            assertThat(f.contains("https://a.example/ok")).isTrue();
        }
    }
}
