package dev.rewire.ingest.content;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Small, network-free URL helpers of the ingest stage. Exists so every source derives the default outlet
 * (the host name) the same way; never uses {@code java.net.URL}, whose {@code equals} does DNS look-ups.
 */
public final class Urls {

    /** Outlet used when a URL has no host (for example a {@code file:} URL) and nothing better is known. */
    public static final String UNKNOWN_OUTLET = "unknown";

    private Urls() {
    }

    /** The lower-case host of {@code url}, or null when it has none or does not parse. */
    public static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = new URI(url.trim()).getHost();
            return host == null || host.isBlank() ? null : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The default outlet of an article at {@code url}: its host, else {@link #UNKNOWN_OUTLET}. */
    public static String defaultOutlet(String url) {
        String host = hostOf(url);
        return host == null ? UNKNOWN_OUTLET : host;
    }

    /** True when {@code url} parses as an absolute URI (it has a scheme). */
    public static boolean isAbsolute(String url) {
        try {
            URI uri = new URI(url.trim());
            return uri.isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
