/**
 * Story assignment: which earlier story, if any, an article copies or rewrites.
 *
 * <ul>
 *   <li>Fingerprints, per article and stateless ({@link dev.rewire.enrich.stories.Fingerprinter}, run
 *       scaled out before the repartition): {@link dev.rewire.enrich.stories.ContentHash} (exact copies),
 *       {@link dev.rewire.enrich.stories.MinHash} of word shingles (near copies), and the rewrite
 *       representation — {@link dev.rewire.enrich.stories.Terms} counts (title words extra) and
 *       {@link dev.rewire.enrich.stories.EntityExtractor} names and numbers.</li>
 *   <li>The index and the decision ({@link dev.rewire.enrich.stories.StoryAssigner}): document frequencies
 *       learned from the stream, an inverted index term → recent stories with bounded postings, story
 *       states with a term centroid and name profile, scored by {@link dev.rewire.enrich.stories.StoryScorer}.</li>
 *   <li>The Kafka Streams node ({@link dev.rewire.enrich.stories.StoryProcessor}) on one partition, with an
 *       event-time reorder buffer and horizon clean-up.</li>
 * </ul>
 */
package dev.rewire.enrich.stories;
