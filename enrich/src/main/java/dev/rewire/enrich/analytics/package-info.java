/**
 * Windowed analytics of the cleaned stream: per-outlet activity ({@code news.analytics.outlets}), who
 * follows whom ({@code news.analytics.edges}) and trending stories (a queryable window store). Built only
 * from the records on {@code news.clean} and {@code news.rewrites}, as a sub-topology of its own, so it
 * depends on the story stage's output contract and never on its internals.
 */
package dev.rewire.enrich.analytics;
