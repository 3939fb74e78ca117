/**
 * Quality measurement: the scorers behind {@code rewire eval} (extraction: the scrapinghub and WCXB
 * metrics; stories: B-cubed and pairwise), computed on the pipeline's own replay output exactly as
 * {@code bench/README.md} defines them.
 */
package dev.rewire.deploy.eval;
