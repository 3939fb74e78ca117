/**
 * Publishing what the sources yield: {@link dev.rewire.ingest.publish.RawPublisher} sends articles to
 * {@code news.raw} and ingest failures to {@code news.rejected} with an idempotent, acks=all producer, and makes
 * sure a send error is never silently lost.
 */
package dev.rewire.ingest.publish;
