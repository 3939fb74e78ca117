/**
 * The safe HTTP fetcher under the scraper ({@link dev.rewire.ingest.scrape.Scraper}) and URL lists:
 * {@link dev.rewire.ingest.fetch.PageFetcher}
 * (time-outs, manual redirects re-checked at every hop, http/https only, an SSRF guard
 * {@link dev.rewire.ingest.fetch.AddressGuard}, size-capped and bomb-safe bodies, charset detection) and
 * {@link dev.rewire.ingest.fetch.UrlListSource}, which fetches every new URL of a plain-text list once (no
 * politeness: for one-off use; long-running processes use the scraper). Conditional GET, Retry-After and
 * document fetching (feeds, sitemaps, robots.txt) are here too; politeness and scheduling are the scraper's.
 */
package dev.rewire.ingest.fetch;
