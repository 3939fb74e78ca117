/**
 * Where articles come from: lazy, streaming {@link dev.rewire.ingest.source.ArticleSource}s over a directory
 * of files, an interchange JSONL file or a WARC file, each yielding {@link dev.rewire.ingest.source.Ingested}
 * items — an article, or a failure for an input that could not even become one. Sources never throw for a
 * bad input and never load a whole file into memory, so a 10 GB archive streams in constant space and every
 * input is accounted for. {@link dev.rewire.ingest.source.Sources} picks the right source for a path.
 */
package dev.rewire.ingest.source;
