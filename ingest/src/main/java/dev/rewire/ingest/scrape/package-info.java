/**
 * The continuous, polite scraper: per-outlet sources polled adaptively, per-host politeness (robots.txt,
 * crawl-delay, concurrency, Retry-After, back-off), canonical URLs, and a persistent frontier.
 */
package dev.rewire.ingest.scrape;
