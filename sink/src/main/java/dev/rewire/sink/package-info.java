/**
 * Writers of the cleaned stream ({@code news.clean}, {@code news.rewrites} and {@code news.stories} for
 * the read model) and, in {@link dev.rewire.sink.web}, the feed API and dashboard that read it.
 *
 * <p>Every sink is a {@link dev.rewire.sink.BatchingSink}: a {@code read_committed} consumer on its own
 * thread that parses each record, writes a batch durably, and only then commits the batch's offsets.
 * The PostgreSQL sink keeps the offsets in the same transaction as the rows and resumes from them:
 * exactly once. The file sink is at-least-once (a batch may repeat after a crash) and only ever holds
 * whole lines. Records that cannot be parsed are logged with their coordinates, counted
 * ({@code rewire.sink.invalid}) and skipped; write failures are retried with back-off and, when they
 * persist, stop the sink loudly.
 */
package dev.rewire.sink;
