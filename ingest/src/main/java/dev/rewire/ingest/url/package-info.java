/**
 * URL normalisation and site identity for the scraper: one normal form per page (crawler-commons' normaliser
 * plus tracking-parameter removal), registrable domains for the canonical-link rule, and the politeness key
 * of a URL (scheme, host, port). Exists so every component that compares or stores URLs agrees.
 */
package dev.rewire.ingest.url;
