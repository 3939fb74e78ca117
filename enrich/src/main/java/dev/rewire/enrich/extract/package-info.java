/**
 * Extraction: turns a fetched page or text ({@code RawArticle}) into an {@link
 * dev.rewire.enrich.extract.Extraction} (title, canonical URL, byline, publication time, language and the
 * article's paragraphs, plus counts of what was removed). One {@link
 * dev.rewire.enrich.extract.ArticleExtractor} per kind of input; {@link
 * dev.rewire.enrich.extract.Extractors} picks one by content type, which is where a better extractor drops
 * in later without touching the topology.
 */
package dev.rewire.enrich.extract;
