package dev.rewire.enrich.template;

import dev.rewire.model.CleanArticle;

/**
 * A cleaned article on its way through the by-outlet repartition, with the key it had before, so the stage
 * after template learning sees the same key as if the repartition had not happened.
 *
 * @param key     the record key before the repartition
 * @param article the article, its text still holding every candidate block
 */
public record OutletArticle(String key, CleanArticle article) {

    /** Longest key carried: longer keys (from foreign producers; Rewire's are URLs) give way to the article id. */
    static final int MAX_KEY_CHARS = 16 * 1024;

    /**
     * The article with its key, or with its id instead of a key too long to carry: a megabyte key of control
     * characters grows several-fold as JSON and would make this record too large for the repartition topic.
     */
    public static OutletArticle of(String key, CleanArticle article) {
        return new OutletArticle(key == null || key.length() <= MAX_KEY_CHARS ? key : article.id(), article);
    }
}
