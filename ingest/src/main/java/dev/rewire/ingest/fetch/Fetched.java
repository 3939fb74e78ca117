package dev.rewire.ingest.fetch;

import dev.rewire.ingest.content.CappedBody;
import dev.rewire.ingest.content.TextDecoding;
import java.net.URI;
import java.time.Instant;

/**
 * A successfully fetched response (HTTP 200, after redirects): where it ended up, its content type and its
 * decoded-from-transfer (not yet charset-decoded) body, cut at the size cap.
 *
 * @param requested   the URL asked for
 * @param finalUri    the URL after redirects
 * @param contentType the {@code Content-Type} header, or null
 * @param body        the body bytes after {@code Content-Encoding} decoding, capped
 * @param fetchedAt   when the response arrived
 * @param status      200, or 304 when a conditional request found the document unchanged (empty body)
 * @param etag        the {@code ETag} response header, or null
 * @param lastModified the {@code Last-Modified} response header, or null
 */
public record Fetched(URI requested, URI finalUri, String contentType, CappedBody body, Instant fetchedAt,
                      int status, String etag, String lastModified) {

    /** A plain 200 response without validators. */
    public Fetched(URI requested, URI finalUri, String contentType, CappedBody body, Instant fetchedAt) {
        this(requested, finalUri, contentType, body, fetchedAt, 200, null, null);
    }

    /** True for a 304 answer to a conditional request: the document is unchanged since the validators. */
    public boolean notModified() {
        return status == 304;
    }

    /** The media type without parameters, lower case, or null. */
    public String baseType() {
        return TextDecoding.baseType(contentType);
    }

    /** The body as text: charset from the header, else (for HTML) a meta declaration, else UTF-8. */
    public String text() {
        String base = baseType();
        return TextDecoding.decode(body.bytes(), contentType, base == null || TextDecoding.isHtml(base),
                body.truncated());
    }
}
