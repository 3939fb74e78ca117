/**
 * Template learning: the stateful half of boilerplate removal. The clean stage emits an article's candidate
 * blocks (its paragraphs after the general rules); this stage, partitioned by outlet, remembers which blocks
 * recur across many different articles of one outlet (its page template: "spotted an error?" notes, about-us
 * blurbs, cookie sentences) and, approximately, across outlets (platform footers), and drops them however
 * they are worded. New outlets fall back to the rules until enough of their articles have been seen.
 */
package dev.rewire.enrich.template;
