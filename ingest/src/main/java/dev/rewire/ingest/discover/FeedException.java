package dev.rewire.ingest.discover;

/** A feed or sitemap that cannot be read (malformed XML, unknown format); the message says where and why. */
public final class FeedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure explained by {@code message}. */
    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
