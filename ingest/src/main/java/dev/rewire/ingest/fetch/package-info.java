/**
 * A simple, safe web page fetcher for the demo and for URL lists: {@link dev.rewire.ingest.fetch.PageFetcher}
 * (time-outs, manual redirects re-checked at every hop, http/https only, an SSRF guard
 * {@link dev.rewire.ingest.fetch.AddressGuard}, size-capped and bomb-safe bodies, charset detection) and
 * {@link dev.rewire.ingest.fetch.UrlListSource}, which fetches every new URL of a plain-text list. The polite
 * scraper (robots.txt, per-host rate limits, feeds, sitemaps) will be built on these pieces later.
 */
package dev.rewire.ingest.fetch;
