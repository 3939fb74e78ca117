package dev.rewire.ingest.scrape;

import dev.rewire.config.RewireConfig;
import java.time.Duration;

/**
 * The scraper's tuning, read once from the {@code ingest.*} keys (documented in rewire-defaults.properties).
 *
 * @param threads            fetches in flight at once, over all hosts
 * @param politeness         false turns off robots.txt and per-host delays (benchmarks against own servers only)
 * @param minDelay           least time between two requests to one host (scheme, host and port)
 * @param perHostConcurrency fetches in flight at once per host
 * @param maxCrawlDelay      a robots.txt {@code Crawl-delay} above this is capped to it
 * @param robotsTtl          how long a host's robots.txt is cached
 * @param maxAttempts        attempts per URL for transient failures (time-outs, 429, 5xx) before giving up
 * @param initialBackoff     first per-host back-off after a transient failure without Retry-After; doubles, jittered
 * @param maxBackoff         largest back-off, and largest {@code Retry-After} honoured
 * @param maxQueuedPerHost   URLs waiting per host; more are dropped (and found again on a later poll)
 * @param progressInterval   how often a long backfill logs its progress
 */
public record ScraperSettings(int threads, boolean politeness, Duration minDelay, int perHostConcurrency,
                              Duration maxCrawlDelay, Duration robotsTtl, int maxAttempts, Duration initialBackoff,
                              Duration maxBackoff, int maxQueuedPerHost, Duration progressInterval) {

    /** The settings of {@code cfg}. */
    public static ScraperSettings fromConfig(RewireConfig cfg) {
        boolean polite = cfg.getBoolean("ingest.politeness.enabled");
        return new ScraperSettings(
                Math.max(1, cfg.getInt("ingest.fetchThreads")),
                polite,
                polite ? cfg.getDuration("ingest.politeness.minDelay") : Duration.ZERO,
                polite ? Math.max(1, cfg.getInt("ingest.politeness.maxConcurrencyPerHost")) : Integer.MAX_VALUE,
                cfg.getDuration("ingest.politeness.maxCrawlDelay"),
                cfg.getDuration("ingest.robots.ttl"),
                Math.max(1, cfg.getInt("ingest.retry.maxAttempts")),
                cfg.getDuration("ingest.retry.initialBackoff"),
                cfg.getDuration("ingest.retry.maxBackoff"),
                Math.max(1, cfg.getInt("ingest.frontier.maxQueuedPerHost")),
                cfg.getDuration("ingest.progressInterval"));
    }

    /** A copy with politeness on or off. */
    public ScraperSettings withPoliteness(boolean on, Duration delay) {
        return new ScraperSettings(threads, on, on ? delay : Duration.ZERO, on ? 1 : Integer.MAX_VALUE,
                maxCrawlDelay, robotsTtl, maxAttempts, initialBackoff, maxBackoff, maxQueuedPerHost, progressInterval);
    }
}
