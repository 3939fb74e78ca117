package dev.rewire.ingest.fetch;

import dev.rewire.model.RejectReason;

/**
 * Thrown by {@link AddressGuard} when a URL points at a scheme or an address the fetcher must not reach
 * (loopback, private, link-local, …). A separate type so callers and metrics can tell a refusal from a
 * network error.
 */
public final class BlockedAddressException extends FetchException {

    private static final long serialVersionUID = 1L;

    /** A refusal explained by {@code message}. */
    public BlockedAddressException(String message) {
        super(RejectReason.UNREADABLE_INPUT, message);
    }
}
