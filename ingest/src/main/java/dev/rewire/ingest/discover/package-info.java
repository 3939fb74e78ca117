/**
 * Discovery: reading feeds (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed), sitemaps (plain, index, Google News) and
 * URL lists into article links with title and date hints, and finding feeds and canonical links in HTML. XML is
 * parsed with DTDs and external entities disabled. Exists so the scraper's scheduler never deals with formats.
 */
package dev.rewire.ingest.discover;
