package dev.rewire.ingest.discover;

import dev.rewire.ingest.url.UrlNormaliser;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the scraper reads from an HTML page besides its content: the feeds a home page advertises
 * ({@code <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">}), its canonical link, and its
 * same-site links (for sites with neither feed nor sitemap). Every URL is resolved and normalised.
 */
public final class HtmlLinks {

    private static final Set<String> FEED_TYPES = Set.of("application/rss+xml", "application/atom+xml",
            "application/feed+json", "application/json", "application/rdf+xml", "application/xml", "text/xml");

    private HtmlLinks() {
    }

    /** The feeds {@code html} (fetched from {@code base}) advertises, in page order. */
    public static List<String> feeds(URI base, String html) {
        Document doc = Jsoup.parse(html, base.toString());
        Set<String> out = new LinkedHashSet<>();
        for (Element link : doc.select("link[rel~=(?i)alternate][href], a[rel~=(?i)alternate][type][href]")) {
            String type = link.attr("type").toLowerCase(Locale.ROOT).trim();
            if (FEED_TYPES.contains(type)) {
                String normal = UrlNormaliser.resolve(base, link.attr("href"));
                if (normal != null) {
                    out.add(normal);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The canonical URL {@code html} declares, normalised, or null. */
    public static String canonical(URI base, String html) {
        int head = html.indexOf("</head>");
        Document doc = Jsoup.parse(head > 0 ? html.substring(0, head) : html, base.toString());
        Element link = doc.selectFirst("link[rel~=(?i)^canonical$][href]");
        return link == null ? null : UrlNormaliser.resolve(base, link.attr("href"));
    }

    /** The links of {@code html} on the same registrable domain as {@code base}, normalised, in page order. */
    public static List<String> sameSiteLinks(URI base, String html) {
        Document doc = Jsoup.parse(html, base.toString());
        Set<String> out = new LinkedHashSet<>();
        String self = base.toString();
        for (Element a : doc.select("a[href]")) {
            String normal = UrlNormaliser.resolve(base, a.attr("href"));
            if (normal != null && UrlNormaliser.sameSite(self, normal)) {
                out.add(normal);
            }
        }
        return new ArrayList<>(out);
    }
}
