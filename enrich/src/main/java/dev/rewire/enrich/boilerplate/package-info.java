/**
 * Line-level boilerplate removal: a small chain of named, general rules ({@link
 * dev.rewire.enrich.boilerplate.BoilerplateRule}) that recognise page furniture which survived extraction
 * (navigation labels, share prompts, copyright notices, link lists). Each rule's name is the key under
 * which its removals are counted in {@code CleanArticle.boilerplate}, so what was removed stays auditable.
 *
 * <p>Rules here look at one line at a time and must stay general: no strings tuned to a particular site.
 * Per-outlet and cross-outlet template learning (stateful) is a later stage and will sit beside this chain.
 */
package dev.rewire.enrich.boilerplate;
