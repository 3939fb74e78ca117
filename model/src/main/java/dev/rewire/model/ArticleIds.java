package dev.rewire.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Derives an article's id from its canonical URL, so that a re-fetch of the same page gets the same id
 * (and updates the article rather than adding a story member).
 *
 * <p>The URL is first put in a light normal form (scheme and host lower-cased, default port and fragment
 * dropped, empty path made "/"), then hashed with SHA-256; the id is the first 96 bits in hex. Works on
 * strings only: {@code java.net.URL#equals} would do DNS look-ups.
 */
public final class ArticleIds {

    private static final int ID_BYTES = 12;

    private ArticleIds() {
    }

    /** The id of the article at {@code canonicalUrl}. */
    public static String fromCanonicalUrl(String canonicalUrl) {
        if (canonicalUrl == null || canonicalUrl.isBlank()) {
            throw new IllegalArgumentException("an article id needs a URL, got none");
        }
        return sha256Hex(normalise(canonicalUrl), ID_BYTES);
    }

    /** The light URL normal form the id is computed from; an unparseable URL is only trimmed. */
    public static String normalise(String url) {
        String trimmed = url.trim();
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.isOpaque()) {
                return trimmed;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
                port = -1;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            StringBuilder out = new StringBuilder(scheme).append("://");
            if (host != null) {
                out.append(host);
            } else if (uri.getRawAuthority() != null) {
                out.append(uri.getRawAuthority());
            }
            if (port >= 0) {
                out.append(':').append(port);
            }
            out.append(path);
            if (uri.getRawQuery() != null) {
                out.append('?').append(uri.getRawQuery());
            }
            return out.toString();
        } catch (URISyntaxException e) {
            return trimmed;
        }
    }

    /** Hex of the first {@code bytes} bytes of the SHA-256 of {@code text} (UTF-8). */
    public static String sha256Hex(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, Math.min(bytes, digest.length));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
