/**
 * The enrich stage of Rewire: one Kafka Streams application from {@code news.raw} to {@code news.clean},
 * {@code news.rewrites}, {@code news.stories} and {@code news.rejected}. {@link
 * dev.rewire.enrich.EnrichTopology} is the entry point the deployment calls; the sub-packages hold the
 * stages in data-flow order: {@code clean} (validation and extraction), {@code extract},
 * {@code boilerplate}, {@code stories} (story assignment).
 */
package dev.rewire.enrich;
