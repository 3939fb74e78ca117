/**
 * The clean stage: validates one raw record (read as bytes, so that nothing can fail before it), runs the
 * extractor and produces either an article without story assignment or a rejection with a stable reason.
 * Every input yields exactly one of the two; this is what lets a replay account for every input.
 */
package dev.rewire.enrich.clean;
