/**
 * Running the stages: topic set-up, the enrich application's lifecycle, the ingest loop, long-running
 * processes and the batch replay with exact accounting of every input.
 */
package dev.rewire.deploy.pipeline;
