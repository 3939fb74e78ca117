/**
 * The PostgreSQL read model: Flyway migrations ({@code db/migration}), repositories of the
 * {@code articles} and {@code stories} tables, and {@link dev.rewire.sink.postgres.PostgresSink}, which
 * keeps them up to date from {@code news.clean} and {@code news.stories}.
 *
 * <p>Writes are idempotent upserts keyed by the article id / story id, one transaction per batch, so
 * the at-least-once delivery of the consumer loop yields each article exactly once in the table.
 */
package dev.rewire.sink.postgres;
