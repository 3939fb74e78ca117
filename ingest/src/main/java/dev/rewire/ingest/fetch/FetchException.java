package dev.rewire.ingest.fetch;

import dev.rewire.model.RejectReason;
import java.io.IOException;

/**
 * Why a page could not be fetched: a refused address or scheme, a time-out, an HTTP error status, too many
 * redirects, an unsupported content type. Carries the reject code to publish and the HTTP status when there
 * was one, so the failure can be accounted for in {@code news.rejected} rather than lost.
 */
public class FetchException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient RejectReason reason;
    private final int status;

    /** A failure with no HTTP status. */
    public FetchException(RejectReason reason, String message) {
        this(reason, message, -1, null);
    }

    /** A failure with an HTTP status ({@code -1} for none) and an optional cause. */
    public FetchException(RejectReason reason, String message, int status, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    /** The reject code this failure is published with. */
    public RejectReason reason() {
        return reason;
    }

    /** The HTTP status of the failed response, or -1 when there was none. */
    public int status() {
        return status;
    }
}
