package dev.rewire.ingest.source;

import java.util.Iterator;

/**
 * A lazy, streaming supply of {@link Ingested} items from one input (a directory, a JSONL file, a WARC file,
 * a list of web pages, and later feeds and sitemaps).
 *
 * <p>Exists as the one seam between "where articles come from" and the publisher: the CLI, replay and the
 * future scraper all just iterate a source and publish what it yields. Contract: items come in input order;
 * {@link #next()} never throws for a bad input (it yields an {@link Ingested.Failure}); only the current item
 * is held in memory; not thread-safe; {@link #close()} releases files and may be called at any time.
 */
public interface ArticleSource extends Iterator<Ingested>, AutoCloseable {

    /**
     * Progress through the input, in source-specific units, cheap to call: bytes of the input file consumed
     * (JSONL, WARC; compressed bytes for {@code .gz}), files handled (directory), lines handled (URL list).
     */
    long position();

    /** Inputs passed over without yielding an item (for example WARC records that are not HTML 200 responses). */
    default long skipped() {
        return 0;
    }

    /** A short description for logs and summaries, such as {@code "jsonl /data/in.jsonl"}. */
    String description();

    /** Releases the underlying resources; never throws. */
    @Override
    void close();
}
