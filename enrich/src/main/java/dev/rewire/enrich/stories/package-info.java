/**
 * Story assignment. The walking skeleton groups exact copies only: articles whose normalised body text
 * has the same {@link dev.rewire.enrich.stories.ContentHash} join the story of the first article seen with
 * that hash. Near-duplicate (shingles) and rewrite (weighted terms, entities, numbers) detection will add
 * candidate lookups beside the content-hash index without changing what the stage emits.
 */
package dev.rewire.enrich.stories;
