/**
 * The scraper's memory of URLs already dealt with: bounded, time-expiring, persisted in a local log under
 * {@code rewire.dataDir} so restarts re-fetch nothing already published.
 */
package dev.rewire.ingest.frontier;
