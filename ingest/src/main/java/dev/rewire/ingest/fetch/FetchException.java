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
    private final java.time.Duration retryAfter;

    /** A failure with no HTTP status. */
    public FetchException(RejectReason reason, String message) {
        this(reason, message, -1, null);
    }

    /** A failure with an HTTP status ({@code -1} for none) and an optional cause. */
    public FetchException(RejectReason reason, String message, int status, Throwable cause) {
        this(reason, message, status, cause, null);
    }

    /** A failure with an HTTP status, an optional cause and the server's {@code Retry-After} (null when none). */
    public FetchException(RejectReason reason, String message, int status, Throwable cause,
                          java.time.Duration retryAfter) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The delay the server asked for with {@code Retry-After} (429, 503), or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    /** True for failures worth retrying later: time-outs, network errors, 429 and 5xx. */
    public boolean transientFailure() {
        if (this instanceof BlockedAddressException) {
            return false;
        }
        return status == 429 || status >= 500 || (status < 0 && reason == RejectReason.UNREADABLE_INPUT
                && getCause() != null);
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
