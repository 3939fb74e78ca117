package dev.rewire.deploy.newsroom;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes an outlet's RSS 2.0 feed of its published articles, so that the pipeline's feed discovery has
 * something real to read. Every text value is XML-escaped; dates are RFC 822 as RSS requires.
 */
final class Rss {

    private Rss() {
    }

    /** The feed of {@code outlet}, items in the given order (newest first). */
    static String feed(Outlet outlet, List<DemoArticle> articles, Instant now) {
        Instant built = articles.isEmpty() ? now : articles.get(0).published();
        StringBuilder out = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")
                .append(" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n")
                .append("<title>").append(Html.escape(outlet.name())).append("</title>\n")
                .append("<link>").append(Html.escape(outlet.home().toString())).append("</link>\n")
                .append("<description>").append(Html.escape("Latest stories from " + outlet.name()))
                .append("</description>\n")
                .append("<language>en-gb</language>\n")
                .append("<lastBuildDate>").append(rfc822(built)).append("</lastBuildDate>\n")
                .append("<atom:link href=\"").append(Html.escape(outlet.feed().toString()))
                .append("\" rel=\"self\" type=\"application/rss+xml\"/>\n");
        for (DemoArticle a : articles) {
            String url = Html.escape(a.uri().toString());
            out.append("<item>\n")
                    .append("  <title>").append(Html.escape(a.title())).append("</title>\n")
                    .append("  <link>").append(url).append("</link>\n")
                    .append("  <guid isPermaLink=\"true\">").append(url).append("</guid>\n")
                    .append("  <pubDate>").append(rfc822(a.published())).append("</pubDate>\n")
                    .append("  <dc:creator>").append(Html.escape(a.author())).append("</dc:creator>\n")
                    .append("  <description>").append(Html.escape(Html.teaser(a.paragraphs().get(0), 300)))
                    .append("</description>\n")
                    .append("</item>\n");
        }
        return out.append("</channel>\n</rss>\n").toString();
    }

    private static String rfc822(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
