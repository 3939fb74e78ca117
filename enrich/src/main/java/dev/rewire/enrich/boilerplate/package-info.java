/**
 * Line-level boilerplate removal: a small chain of named, general rules ({@link
 * dev.rewire.enrich.boilerplate.BoilerplateRule}) that recognise page furniture which survived extraction
 * (navigation labels, share prompts, copyright notices, link lists). Each rule's name is the key under
 * which its removals are counted in {@code CleanArticle.boilerplate}, so what was removed stays auditable.
 *
 * <p>Rules here look at one line at a time and must stay general: no strings tuned to a particular site.
 * What they miss because it is worded differently by every outlet is left to template learning
 * ({@link dev.rewire.enrich.template}), the stateful stage after the clean stage.
 */
package dev.rewire.enrich.boilerplate;
