package dev.rewire.ingest.discover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import dev.rewire.ingest.content.CappedBody;
import dev.rewire.ingest.content.TextDecoding;
import dev.rewire.ingest.url.UrlNormaliser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a discovery document, whatever it is: RSS 2.0, RSS 1.0 (RDF), Atom, JSON Feed, an XML sitemap, a
 * sitemap index, a Google News sitemap, or a plain-text URL list (one URL a line). The format is recognised
 * from the content (the first character, then the XML root element), not trusted from the content type.
 *
 * <p>Security: the feed parser is a StAX reader with DTDs and external entities disabled
 * ({@code SUPPORT_DTD=false}, {@code IS_SUPPORTING_EXTERNAL_ENTITIES=false}; OWASP XXE Prevention Cheat Sheet,
 * "XMLInputFactory (a StAX parser)"), so neither external entities (XXE) nor internal entity expansion (billion
 * laughs) happen; a document declaring entities fails to parse or keeps them unexpanded. Sitemaps go through
 * crawler-commons' {@link SiteMapParser}, which refuses DOCTYPE declarations by default. Every item link is
 * resolved against the document URL and normalised; links that are not http(s) are dropped. Stateless and
 * thread-safe.
 */
public final class DocumentReader {

    /** At most this many links are taken from one document (a sitemap holds at most 50,000). */
    public static final int MAX_ITEMS = 50_000;

    private static final XMLInputFactory XML = hardened();
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentReader() {
    }

    /**
     * Reads {@code body}, fetched from {@code url}.
     *
     * @throws FeedException when the document is malformed or of no known format
     */
    public static Document read(URI url, byte[] body, String contentType) throws FeedException {
        if (body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
            body = gunzip(url, body);  // sitemap.xml.gz served as a file, without a Content-Encoding
        }
        try {
            return readBytes(url, body);
        } catch (FeedException first) {
            // A document in another charset than it declares (or none, as XML then means UTF-8), or with a
            // stray invalid byte, fails as a whole; decoded leniently once more, it keeps its items.
            byte[] recoded = recoded(body, contentType);
            if (recoded == null) {
                throw first;
            }
            try {
                return readBytes(url, recoded);
            } catch (FeedException second) {
                throw first;
            }
        }
    }

    /** Most bytes a gzipped document may inflate to: a sitemap holds at most 50 MB (sitemaps.org). */
    public static final long MAX_GUNZIPPED_BYTES = 64L * 1024 * 1024;

    private static byte[] gunzip(URI url, byte[] body) throws FeedException {
        try {
            CappedBody inflated = CappedBody.decode(
                    new ByteArrayInputStream(body), "gzip", MAX_GUNZIPPED_BYTES, false);
            if (inflated.truncated()) {
                throw new FeedException(url + ": a gzipped document of more than " + MAX_GUNZIPPED_BYTES
                        + " bytes", null);
            }
            return inflated.bytes();
        } catch (IOException e) {
            throw new FeedException(url + ": corrupt gzip data: " + e.getMessage(), e);
        }
    }

    /**
     * {@code body} as UTF-8 without its XML encoding declaration: decoded with the Content-Type's charset, or
     * else as UTF-8 with invalid bytes replaced when it has valid multi-byte sequences, or else as
     * windows-1252 (the usual charset of a feed that declares none). Null when that changes nothing.
     */
    static byte[] recoded(byte[] body, String contentType) {
        Charset declared = TextDecoding.charsetOfContentType(contentType);
        String text;
        if (declared != null) {
            text = new String(body, declared);
        } else if (hasMultiByteUtf8(body)) {
            text = new String(body, StandardCharsets.UTF_8);
        } else {
            text = new String(body, Charset.forName("windows-1252"));
        }
        // only the head can hold the declaration: the pattern stays off a body of megabytes of whitespace
        int head = Math.min(text.length(), 1024);
        text = XML_ENCODING.matcher(text.substring(0, head)).replaceFirst("$1") + text.substring(head);
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(out, body) ? null : out;
    }

    /** The encoding pseudo-attribute of an XML declaration at the start of a document. */
    private static final Pattern XML_ENCODING =
            Pattern.compile("\\A(\\uFEFF?\\s*<\\?xml[^>]*?)\\s+encoding\\s*=\\s*[\"'][^\"']*[\"']");

    private static boolean hasMultiByteUtf8(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            int c = b[i] & 0xff;
            if (c >= 0xC2 && c <= 0xF4 && (b[i + 1] & 0xC0) == 0x80) {
                return true;
            }
        }
        return false;
    }

    private static Document readBytes(URI url, byte[] body) throws FeedException {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        if (i >= body.length) {
            throw new FeedException(url + ": empty document", null);
        }
        if (body[i] == '{') {
            return jsonFeed(url, body);
        }
        if (body[i] != '<') {
            return urlList(url, body);
        }
        String root = rootElement(url, body);
        return switch (root) {
            case "urlset", "sitemapindex" -> sitemap(url, body);
            case "rss", "RDF", "feed", "rdf" -> xmlFeed(url, body, root);
            default -> throw new FeedException(url + ": not a feed or sitemap (root element <" + root + ">)", null);
        };
    }

    private static XMLInputFactory hardened() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    private static String rootElement(URI url, byte[] body) throws FeedException {
        XMLStreamReader r = null;
        try {
            r = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    return r.getLocalName();
                }
            }
            throw new FeedException(url + ": no root element", null);
        } catch (XMLStreamException e) {
            throw new FeedException(url + ": malformed XML: " + e.getMessage(), e);
        } finally {
            close(r);
        }
    }

    private static Document xmlFeed(URI url, byte[] body, String root) throws FeedException {
        String format = root.equals("feed") ? "atom" : root.equalsIgnoreCase("rdf") ? "rdf" : "rss";
        List<FeedItem> items = new ArrayList<>();
        XMLStreamReader r = null;
        try {
            r = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            int depth = 0;
            int itemDepth = -1;
            String link = null;
            String guid = null;
            String about = null;
            String title = null;
            String date = null;
            String updated = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (itemDepth < 0 && (name.equals("item") || name.equals("entry"))) {
                        itemDepth = depth;
                        link = guid = title = date = updated = null;
                        about = r.getAttributeValue("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "about");
                    } else if (itemDepth > 0 && depth == itemDepth + 1) {
                        switch (name) {
                            case "link" -> {
                                String href = r.getAttributeValue(null, "href");
                                String rel = r.getAttributeValue(null, "rel");
                                if (href != null) {
                                    if ((rel == null || rel.equals("alternate")) && link == null) {
                                        link = href;
                                    }
                                    skip(r);
                                    depth--;
                                } else {
                                    String text = r.getElementText().strip();
                                    depth--;
                                    if (link == null && !text.isEmpty()) {
                                        link = text;
                                    }
                                }
                            }
                            case "guid", "id" -> {
                                String permalink = r.getAttributeValue(null, "isPermaLink");
                                String text = r.getElementText().strip();
                                depth--;
                                if (!"false".equalsIgnoreCase(permalink)) {
                                    guid = text;
                                }
                            }
                            case "title" -> {
                                title = text(r);
                                depth--;
                            }
                            case "pubDate", "published", "issued", "date" -> {
                                date = r.getElementText().strip();
                                depth--;
                            }
                            case "updated", "modified" -> {
                                updated = r.getElementText().strip();
                                depth--;
                            }
                            default -> { }
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == itemDepth) {
                        String chosen = link != null ? link : about != null ? about : guid;
                        String normal = chosen == null ? null : UrlNormaliser.resolve(url, chosen);
                        if (normal != null && items.size() < MAX_ITEMS) {
                            Instant at = Dates.parse(date);
                            items.add(new FeedItem(normal, blankToNull(title), at != null ? at : Dates.parse(updated)));
                        }
                        itemDepth = -1;
                    }
                    depth--;
                }
            }
            return new Document(format, List.copyOf(items), List.of());
        } catch (XMLStreamException e) {
            throw new FeedException(url + ": malformed " + format + " feed: " + e.getMessage(), e);
        } finally {
            close(r);
        }
    }

    /** Element text, tolerating child elements (Atom's type="xhtml" titles): their text is concatenated. */
    private static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder out = new StringBuilder();
        int level = 1;
        while (level > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
                out.append(r.getText());
            } else if (e == XMLStreamConstants.START_ELEMENT) {
                level++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                level--;
            }
        }
        return out.toString().strip();
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int level = 1;
        while (level > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                level++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                level--;
            }
        }
    }

    private static Document jsonFeed(URI url, byte[] body) throws FeedException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new FeedException(url + ": malformed JSON feed: " + e.getMessage(), e);
        }
        if (root == null || !root.path("version").asText("").startsWith("https://jsonfeed.org/version/")) {
            throw new FeedException(url + ": JSON without a JSON Feed version", null);
        }
        List<FeedItem> items = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            String link = item.hasNonNull("url") ? item.get("url").asText() : item.path("external_url").asText(null);
            String normal = UrlNormaliser.resolve(url, link);
            if (normal != null && items.size() < MAX_ITEMS) {
                Instant at = Dates.parse(item.path("date_published").asText(null));
                items.add(new FeedItem(normal, blankToNull(item.path("title").asText(null)),
                        at != null ? at : Dates.parse(item.path("date_modified").asText(null))));
            }
        }
        return new Document("json-feed", List.copyOf(items), List.of());
    }

    private static Document urlList(URI url, byte[] body) {
        List<FeedItem> items = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || items.size() >= MAX_ITEMS) {
                continue;
            }
            String normal = UrlNormaliser.resolve(url, l);
            if (normal != null) {
                items.add(new FeedItem(normal, null, null));
            }
        }
        return new Document("url-list", List.copyOf(items), List.of());
    }

    private static Document sitemap(URI url, byte[] body) throws FeedException {
        SiteMapParser parser = new SiteMapParser(false);
        parser.enableExtension(Extension.NEWS);
        AbstractSiteMap map;
        try {
            map = parser.parseSiteMap("text/xml", body, url.toURL());
        } catch (UnknownFormatException | IOException | IllegalArgumentException e) {
            throw new FeedException(url + ": malformed sitemap: " + e.getMessage(), e);
        }
        if (map instanceof SiteMapIndex index) {
            List<String> children = new ArrayList<>();
            for (AbstractSiteMap child : index.getSitemaps()) {
                String normal = UrlNormaliser.normalise(child.getUrl().toString());
                if (normal != null) {
                    children.add(normal);
                }
            }
            return new Document("sitemap-index", List.of(), List.copyOf(children));
        }
        List<FeedItem> items = new ArrayList<>();
        boolean news = false;
        for (SiteMapURL u : ((SiteMap) map).getSiteMapUrls()) {
            if (items.size() >= MAX_ITEMS) {
                break;
            }
            String normal = UrlNormaliser.normalise(u.getUrl().toString());
            if (normal == null) {
                continue;
            }
            String title = null;
            Instant at = null;
            ExtensionMetadata[] meta = u.getAttributesForExtension(Extension.NEWS);
            if (meta != null && meta.length > 0 && meta[0] instanceof NewsAttributes n) {
                news = true;
                title = blankToNull(n.getTitle());
                at = n.getPublicationDateTime() == null ? null : n.getPublicationDateTime().toInstant();
            }
            if (at == null && u.getLastModified() != null) {
                at = u.getLastModified().toInstant();
            }
            items.add(new FeedItem(normal, title, at));
        }
        return new Document(news ? "news-sitemap" : "sitemap", List.copyOf(items), List.of());
    }

    /** A {@code java.net.URL} for crawler-commons only; never compared or hashed. */
    static java.net.URL toUrl(URI uri) throws MalformedURLException {
        return uri.toURL();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing to release
            }
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
