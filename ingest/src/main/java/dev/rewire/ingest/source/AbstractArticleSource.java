package dev.rewire.ingest.source;

import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the sources: turns a "compute the next item or say the end" method into a correct
 * {@link java.util.Iterator}, logs every {@link Ingested.Failure} exactly once, and makes {@link #close()}
 * idempotent. Exists so each source only has to describe how to read its input.
 */
public abstract class AbstractArticleSource implements ArticleSource {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private Ingested next;
    private boolean done;
    private boolean closed;

    /** The next item, or null at the end of the input. Must not throw for bad input. */
    protected abstract Ingested computeNext();

    /** Releases resources; called once. */
    protected abstract void doClose();

    /** Whether this source logs its failures (false for wrappers whose inner sources already did). */
    protected boolean logsFailures() {
        return true;
    }

    @Override
    public final boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done || closed) {
            return false;
        }
        next = computeNext();
        if (next == null) {
            done = true;
            close();
            return false;
        }
        if (logsFailures() && next instanceof Ingested.Failure failure) {
            log.warn("{}: input rejected [{}] {}", description(), failure.reason().code(), failure.message());
        }
        return true;
    }

    @Override
    public final Ingested next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more items in " + description());
        }
        Ingested item = next;
        next = null;
        return item;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            try {
                doClose();
            } catch (RuntimeException e) {
                log.warn("{}: error while closing: {}", description(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
