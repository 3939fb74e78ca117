package dev.rewire.deploy.newsroom;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Escaping for the three contexts the newsroom writes text into (HTML text and attributes, XML, JSON
 * inside a {@code <script>} element) and the article metadata every outlet puts in its {@code <head>}.
 * One place, so that the page with a literal {@code <script>} in its headline stays text everywhere.
 */
final class Html {

    private Html() {
    }

    /** {@code text} made safe for HTML/XML text and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code text} as a JSON string literal (with quotes) that is also safe inside an HTML
     * {@code <script>} element: {@code <}, {@code >} and {@code &} become {@code \}{@code u} escapes.
     */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** An instant in ISO-8601 UTC form, as {@code <time datetime>} and JSON-LD want it. */
    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** The first {@code max} characters of {@code text}, cut at a word boundary, with an ellipsis. */
    static String teaser(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        return text.substring(0, cut > 0 ? cut : max) + "\u2026";
    }

    /**
     * The metadata block of an article page: description, canonical link, Open Graph tags, the feed
     * link and a JSON-LD {@code NewsArticle}.
     */
    static String articleHead(DemoArticle article) {
        String url = article.uri().toString();
        String published = iso(article.published());
        String description = teaser(article.paragraphs().get(0), 180);
        String jsonLd = "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\""
                + ",\"headline\":" + jsonString(article.title())
                + ",\"datePublished\":" + jsonString(published)
                + ",\"author\":{\"@type\":\"Person\",\"name\":" + jsonString(article.author()) + "}"
                + ",\"publisher\":{\"@type\":\"Organization\",\"name\":" + jsonString(article.outlet().name()) + "}"
                + ",\"mainEntityOfPage\":" + jsonString(url) + "}";
        return "<meta name=\"description\" content=\"" + escape(description) + "\">\n"
                + "<meta name=\"author\" content=\"" + escape(article.author()) + "\">\n"
                + "<link rel=\"canonical\" href=\"" + escape(url) + "\">\n"
                + "<meta property=\"og:type\" content=\"article\">\n"
                + "<meta property=\"og:title\" content=\"" + escape(article.title()) + "\">\n"
                + "<meta property=\"og:url\" content=\"" + escape(url) + "\">\n"
                + "<meta property=\"og:site_name\" content=\"" + escape(article.outlet().name()) + "\">\n"
                + "<meta property=\"article:published_time\" content=\"" + published + "\">\n"
                + feedLink(article.outlet()) + "\n"
                + "<script type=\"application/ld+json\">" + jsonLd + "</script>";
    }

    /** The {@code <link rel=alternate>} pointing at an outlet's advertised feed (RSS, or Atom for some). */
    static String feedLink(Outlet outlet) {
        if (DemoNewsroom.ATOM_OUTLETS.contains(outlet.slug())) {
            return "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + escape(outlet.name())
                    + "\" href=\"" + escape(outlet.home().resolve("atom.xml").toString()) + "\">";
        }
        return "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"" + escape(outlet.name())
                + "\" href=\"" + escape(outlet.feed().toString()) + "\">";
    }

    /**
     * An article's body as markup, escaped: each subheading wrapped in {@code subOpen}…{@code subClose},
     * each paragraph in {@code pOpen}…{@code pClose}, and whatever {@code after} returns for paragraph
     * {@code i} (an ad slot, an inline related box; empty for none) right after it. Each outlet's template
     * chooses its own tags; the walk over paragraphs and subheadings is this one.
     */
    static String body(DemoArticle a, String subOpen, String subClose, String pOpen, String pClose,
                       java.util.function.IntFunction<String> after) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < a.paragraphs().size(); i++) {
            String sub = a.subheadings().get(i);
            if (sub != null) {
                body.append(subOpen).append(escape(sub)).append(subClose);
            }
            body.append(pOpen).append(escape(a.paragraphs().get(i))).append(pClose);
            body.append(after.apply(i));
        }
        return body.toString();
    }
}
