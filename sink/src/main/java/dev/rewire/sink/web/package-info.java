/**
 * The newsroom feed API (JSON Feed 1.1, Atom, server-sent events) and the dashboard of duplicate rewrites,
 * served by one small HTTP server from the PostgreSQL read model the sink keeps.
 *
 * <p>{@link dev.rewire.sink.web.WebServer} is the entry point; {@link dev.rewire.sink.web.ReadModel} holds
 * every query; {@link dev.rewire.sink.web.Feeds} renders the feeds. Safe by construction: the server
 * escapes nothing by hand — JSON goes through Jackson, Atom through a StAX writer, and the dashboard's
 * script builds its DOM with {@code textContent} only — and every response carries a strict
 * Content-Security-Policy.
 */
package dev.rewire.sink.web;
