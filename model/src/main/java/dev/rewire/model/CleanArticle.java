package dev.rewire.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * An article after cleaning and story assignment: the value of {@code news.clean}, keyed by {@link #id()}.
 *
 * <p>{@code text} holds the article body only, paragraphs separated by one blank line. {@code boilerplate}
 * counts what the cleaning stage removed, per rule name. {@code duplicateOf} and {@code similarity} are
 * null for originals.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CleanArticle(
        int schemaVersion,
        String id,
        String ingestId,
        String url,
        String canonicalUrl,
        String outlet,
        String title,
        String byline,
        Instant publishedAt,
        Instant fetchedAt,
        String language,
        String text,
        int wordCount,
        String storyId,
        Relation relation,
        String duplicateOf,
        Double similarity,
        Map<String, Integer> boilerplate) {

    public static final int SCHEMA_VERSION = 1;
    /**
     * Record header (value {@code true}) on a news.clean record that re-sends an article already emitted (a
     * re-fetch of the same URL, its text updated, its story unchanged): counts of articles skip it.
     */
    public static final String REFETCH_HEADER = "rewire.refetch";

    /** The event time of this article: its published time when known, else when it was fetched. */
    public Instant eventTime() {
        return publishedAt != null ? publishedAt : fetchedAt;
    }

    /** A copy with the story assignment set. */
    public CleanArticle withStory(String newStoryId, Relation newRelation, String newDuplicateOf,
                                  Double newSimilarity) {
        return new CleanArticle(schemaVersion, id, ingestId, url, canonicalUrl, outlet, title, byline,
                publishedAt, fetchedAt, language, text, wordCount, newStoryId, newRelation, newDuplicateOf,
                newSimilarity, boilerplate);
    }
}
