package dev.rewire.enrich.extract;

import dev.rewire.model.RawArticle;

/**
 * Extracts an article from one kind of input. Exists as the seam where better extractors (template
 * learning, readability scoring, a model) replace the first honest ones without changes elsewhere.
 *
 * <p>Implementations must be thread-safe (one instance per topology), must not return null and may throw
 * a runtime exception on input they cannot handle; the clean stage turns that into a rejection.
 */
public interface ArticleExtractor {

    /** The article in {@code raw}; {@code raw} has a URL and a non-blank body within the size limit. */
    Extraction extract(RawArticle raw);
}
