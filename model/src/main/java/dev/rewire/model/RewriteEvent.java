package dev.rewire.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Emitted on {@code news.rewrites} (keyed by article id) whenever an article joins an existing story:
 * who copied or rewrote whom, how closely, and how long after the story's first article.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RewriteEvent(
        int schemaVersion,
        String articleId,
        String storyId,
        String originalId,
        Relation relation,
        Double similarity,
        String outlet,
        String originalOutlet,
        long lagSeconds) {

    public static final int SCHEMA_VERSION = 1;
}
