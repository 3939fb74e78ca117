package dev.rewire.ingest.url;

import crawlercommons.domains.EffectiveTldFinder;
import crawlercommons.filters.basic.BasicURLNormalizer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The one way the scraper spells a URL, so that the frontier, the conditional-GET cache and the Kafka key agree
 * on when two URLs are the same page. Built on crawler-commons' {@link BasicURLNormalizer} (lower-case scheme
 * and host, default ports dropped, dot segments resolved, percent-encoding normalised, fragments removed) plus
 * removal of tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, …).
 *
 * <p>Keys are normalised strings, never {@code java.net.URL}: its {@code equals}/{@code hashCode} resolve host
 * names. Thread-safe and stateless.
 */
public final class UrlNormaliser {

    /** Query parameters that only track a click; dropped (plus every {@code utm_*}). */
    public static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "dclid", "gclsrc", "msclkid",
            "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "ocid", "cmpid", "ito", "wt.mc_id", "at_medium",
            "at_campaign", "ref_src", "spm");

    private static final BasicURLNormalizer NORMALIZER = BasicURLNormalizer.newBuilder().build();

    private UrlNormaliser() {
    }

    /**
     * The normal form of {@code url} (absolute http or https), or null when it is not such a URL.
     */
    public static String normalise(String url) {
        if (url == null) {
            return null;
        }
        String trimmed = url.strip();
        int hash = trimmed.indexOf('#');
        if (hash >= 0) {
            trimmed = trimmed.substring(0, hash);
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return null;
        }
        String normal = NORMALIZER.filter(stripTracking(trimmed));
        if (normal == null) {
            return null;
        }
        try {
            URI uri = new URI(normal);
            if (uri.getHost() == null) {
                return null;
            }
        } catch (URISyntaxException e) {
            return null;
        }
        return normal;
    }

    /** {@code href} resolved against {@code base} and normalised, or null. */
    public static String resolve(URI base, String href) {
        if (href == null || href.isBlank()) {
            return null;
        }
        try {
            return normalise(base.resolve(new URI(href.strip().replace(" ", "%20"))).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The registrable domain of {@code host} ({@code news.example.co.uk} → {@code example.co.uk}); IP
     *  addresses and single-label hosts are their own domain. */
    public static String registrableDomain(String host) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") || h.matches("[0-9.]+") || !h.contains(".")) {
            return h;
        }
        String assigned = EffectiveTldFinder.getAssignedDomain(h, true, false);
        return assigned == null ? h : assigned;
    }

    /** True when both URLs are on the same registrable domain (the scheme and port may differ). */
    public static boolean sameSite(String a, String b) {
        String ha = host(a);
        String hb = host(b);
        return ha != null && hb != null && registrableDomain(ha).equals(registrableDomain(hb));
    }

    /** The lower-case host of {@code url}, or null. */
    public static String host(String url) {
        try {
            String h = new URI(url).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException | NullPointerException e) {
            return null;
        }
    }

    /** The politeness key of {@code url}: scheme, host and port ({@code http://a.example:8080}), or null. */
    public static String authority(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port < 0) {
                port = "https".equals(scheme) ? 443 : 80;
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String stripTracking(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING_PARAMETERS.contains(name)) {
                continue;
            }
            kept.append(kept.length() == 0 ? "" : "&").append(pair);
        }
        return kept.length() == 0 ? url.substring(0, q) : url.substring(0, q + 1) + kept;
    }
}
