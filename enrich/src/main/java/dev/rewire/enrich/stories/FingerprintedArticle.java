package dev.rewire.enrich.stories;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rewire.model.CleanArticle;

/**
 * A clean article with its fingerprint: the value of the {@code by-story-index} repartition topic and of
 * the reorder buffer. The fingerprint is computed before the repartition, on the scaled-out side.
 *
 * @param article     the clean article (story fields not yet set)
 * @param fingerprint its fingerprint
 * @param timestamp   the input record's timestamp, kept for the output records
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FingerprintedArticle(CleanArticle article, Fingerprint fingerprint, long timestamp) {

    public static FingerprintedArticle of(CleanArticle article, long timestamp) {
        return new FingerprintedArticle(article, Fingerprinter.of(article), timestamp);
    }

    /** The event time the story stage orders and expires by: published, else fetched, else the record time. */
    public long eventMillis() {
        return article.eventTime() != null ? article.eventTime().toEpochMilli() : timestamp;
    }
}
