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
}
