package dev.rewire.deploy.newsroom;

import java.time.Instant;
import java.util.List;

/**
 * Writes the machine-readable views of an outlet besides its RSS feed ({@link Rss}): an Atom feed, a plain
 * XML sitemap, a Google News sitemap and a sitemap index, so that the scraper's feed and sitemap discovery has
 * every common format to read. Every text value is XML-escaped.
 */
final class Syndication {

    private static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

    private Syndication() {
    }

    /** The Atom 1.0 feed of {@code outlet}, entries newest first. */
    static String atom(Outlet outlet, List<DemoArticle> articles, Instant now) {
        Instant updated = articles.isEmpty() ? now : articles.get(0).published();
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n")
                .append("<title>").append(Html.escape(outlet.name())).append("</title>\n")
                .append("<id>").append(Html.escape(outlet.home().toString())).append("</id>\n")
                .append("<link rel=\"alternate\" type=\"text/html\" href=\"")
                .append(Html.escape(outlet.home().toString())).append("\"/>\n")
                .append("<link rel=\"self\" href=\"").append(Html.escape(outlet.home().resolve("atom.xml").toString()))
                .append("\"/>\n")
                .append("<updated>").append(Html.iso(updated)).append("</updated>\n");
        for (DemoArticle a : articles) {
            String url = Html.escape(a.uri().toString());
            out.append("<entry>\n")
                    .append("  <title type=\"text\">").append(Html.escape(a.title())).append("</title>\n")
                    .append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(url).append("\"/>\n")
                    .append("  <id>").append(url).append("</id>\n")
                    .append("  <published>").append(Html.iso(a.published())).append("</published>\n")
                    .append("  <updated>").append(Html.iso(a.published())).append("</updated>\n")
                    .append("  <author><name>").append(Html.escape(a.author())).append("</name></author>\n")
                    .append("  <summary>").append(Html.escape(Html.teaser(a.paragraphs().get(0), 300)))
                    .append("</summary>\n")
                    .append("</entry>\n");
        }
        return out.append("</feed>\n").toString();
    }

    /** A plain sitemap of {@code urls} articles plus {@code extra} URLs (lastmod = now for those). */
    static String urlset(List<DemoArticle> articles, List<String> extra, Instant now) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"").append(SITEMAP_NS).append("\">\n");
        for (DemoArticle a : articles) {
            out.append("<url><loc>").append(Html.escape(a.uri().toString())).append("</loc><lastmod>")
                    .append(Html.iso(a.published())).append("</lastmod></url>\n");
        }
        for (String u : extra) {
            out.append("<url><loc>").append(Html.escape(u)).append("</loc><lastmod>").append(Html.iso(now))
                    .append("</lastmod></url>\n");
        }
        return out.append("</urlset>\n").toString();
    }

    /** A Google News sitemap of {@code articles}. */
    static String newsSitemap(Outlet outlet, List<DemoArticle> articles) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"").append(SITEMAP_NS).append("\" xmlns:news=\"").append(NEWS_NS)
                .append("\">\n");
        for (DemoArticle a : articles) {
            out.append("<url>\n  <loc>").append(Html.escape(a.uri().toString())).append("</loc>\n")
                    .append("  <news:news>\n    <news:publication><news:name>").append(Html.escape(outlet.name()))
                    .append("</news:name><news:language>en</news:language></news:publication>\n")
                    .append("    <news:publication_date>").append(Html.iso(a.published()))
                    .append("</news:publication_date>\n")
                    .append("    <news:title>").append(Html.escape(a.title())).append("</news:title>\n")
                    .append("  </news:news>\n</url>\n");
        }
        return out.append("</urlset>\n").toString();
    }

    /** A sitemap index of {@code sitemaps} (absolute URLs). */
    static String index(List<String> sitemaps, Instant lastmod) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<sitemapindex xmlns=\"").append(SITEMAP_NS).append("\">\n");
        for (String s : sitemaps) {
            out.append("<sitemap><loc>").append(Html.escape(s)).append("</loc><lastmod>").append(Html.iso(lastmod))
                    .append("</lastmod></sitemap>\n");
        }
        return out.append("</sitemapindex>\n").toString();
    }
}
