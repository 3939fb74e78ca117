package dev.rewire.ingest.publish;

/**
 * A record could not be published to Kafka. Thrown by {@link RawPublisher} so that callers never lose records
 * silently: once one send has failed, the publisher is broken and says so on every later call.
 */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure explained by {@code message}, caused by {@code cause}. */
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
