/**
 * Writers of the cleaned stream ({@code news.clean}, and {@code news.stories} for the read model).
 *
 * <p>Every sink is a {@link dev.rewire.sink.BatchingSink}: a {@code read_committed} consumer on its own
 * thread that parses each record, writes a batch durably, and only then commits the batch's offsets.
 * Delivery is at-least-once; the writers are idempotent where the target allows it (PostgreSQL upserts),
 * so a replay never duplicates rows. Records that cannot be parsed are logged with their coordinates,
 * counted ({@code rewire.sink.invalid}) and skipped; write failures are retried with back-off and, when
 * they persist, stop the sink loudly.
 */
package dev.rewire.sink;
