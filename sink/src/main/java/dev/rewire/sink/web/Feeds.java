package dev.rewire.sink.web;

import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders a page of stories as a JSON Feed 1.1 document or an Atom (RFC 4287) feed: one entry per story,
 * carrying the best version's title, text and link, the story's outlets (as authors and tags/categories)
 * and its rewrite count. Entry ids are stable per story ({@code urn:rewire:story:<id>}); the modified
 * time is when the story last changed in the read model, so feed readers see an update when rewrites
 * arrive. Paging: a {@code next_url} (JSON Feed) or a {@code rel="next"} link (Atom, RFC 5005).
 *
 * <p>Escaping is left to the writers (Jackson, StAX), never done by hand; characters XML 1.0 cannot hold
 * are dropped from Atom text.
 */
final class Feeds {

    static final String NS_ATOM = "http://www.w3.org/2005/Atom";
    /** Namespace of the Atom extension elements (rewrite count, member count). */
    static final String NS_REWIRE = "urn:rewire:feed";

    private Feeds() {
    }

    /** The JSON Feed 1.1 object of {@code page} (serialise with Jackson). */
    static Map<String, Object> jsonFeed(StoryPage page, URI self, URI next, URI home) {
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("version", "https://jsonfeed.org/version/1.1");
        feed.put("title", "Rewire stories");
        feed.put("home_page_url", home.toString());
        feed.put("feed_url", self.toString());
        feed.put("description", "Clean, de-duplicated stories: one item per story, with the outlets that carried it.");
        if (next != null) {
            feed.put("next_url", next.toString());
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (StorySummary s : page.stories()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", "urn:rewire:story:" + s.storyId());
            if (isHttp(s.url())) {
                item.put("url", s.url());
            }
            item.put("title", nz(s.title()));
            item.put("content_text", nz(s.text()));
            item.put("summary", summary(s));
            put(item, "date_published", s.firstSeenAt());
            put(item, "date_modified", s.updatedAt());
            List<Map<String, String>> authors = new ArrayList<>();
            s.outlets().forEach(o -> authors.add(Map.of("name", o)));
            item.put("authors", authors);
            item.put("tags", s.outlets());
            if (s.languages().size() == 1) {
                item.put("language", s.languages().get(0));
            }
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("story_id", s.storyId());
            ext.put("outlets", s.outlets());
            ext.put("first_outlet", s.firstOutlet());
            ext.put("member_count", s.memberCount());
            ext.put("rewrite_count", s.rewriteCount());
            ext.put("outlet_count", s.outletCount());
            ext.put("languages", s.languages());
            ext.put("last_seen_at", s.lastSeenAt() == null ? null : s.lastSeenAt().toString());
            item.put("_rewire", ext);
            items.add(item);
        }
        feed.put("items", items);
        return feed;
    }

    /** The Atom document of {@code page}. */
    static String atom(StoryPage page, URI self, URI next, URI home, URI jsonAlternate) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(NS_ATOM);
            w.setPrefix("rw", NS_REWIRE);
            w.writeStartElement(NS_ATOM, "feed");
            w.writeDefaultNamespace(NS_ATOM);
            w.writeNamespace("rw", NS_REWIRE);
            text(w, "id", "urn:rewire:feed:stories");
            text(w, "title", "Rewire stories");
            text(w, "subtitle", "Clean, de-duplicated stories: one entry per story, with the outlets that carried it.");
            Instant updated = page.stories().stream().map(StorySummary::updatedAt).filter(t -> t != null)
                    .max(Instant::compareTo).orElse(Instant.EPOCH);
            text(w, "updated", updated.toString());
            link(w, "self", self.toString(), "application/atom+xml");
            link(w, "alternate", home.toString(), "text/html");
            link(w, "alternate", jsonAlternate.toString(), "application/feed+json");
            if (next != null) {
                link(w, "next", next.toString(), "application/atom+xml");
            }
            w.writeStartElement(NS_ATOM, "generator");
            w.writeCharacters("Rewire");
            w.writeEndElement();
            for (StorySummary s : page.stories()) {
                w.writeStartElement(NS_ATOM, "entry");
                text(w, "id", "urn:rewire:story:" + s.storyId());
                text(w, "title", nz(s.title()).isEmpty() ? "(untitled story)" : s.title());
                text(w, "updated", (s.updatedAt() == null ? Instant.EPOCH : s.updatedAt()).toString());
                if (s.firstSeenAt() != null) {
                    text(w, "published", s.firstSeenAt().toString());
                }
                List<String> authors = s.outlets().isEmpty() ? List.of("unknown outlet") : s.outlets();
                for (String o : authors) {
                    w.writeStartElement(NS_ATOM, "author");
                    text(w, "name", o);
                    w.writeEndElement();
                }
                if (isHttp(s.url())) {
                    link(w, "alternate", s.url(), "text/html");
                }
                for (String o : s.outlets()) {
                    w.writeEmptyElement(NS_ATOM, "category");
                    w.writeAttribute("term", xml(o));
                }
                w.writeStartElement(NS_ATOM, "summary");
                w.writeAttribute("type", "text");
                w.writeCharacters(xml(summary(s)));
                w.writeEndElement();
                w.writeStartElement(NS_ATOM, "content");
                w.writeAttribute("type", "text");
                w.writeCharacters(xml(nz(s.text())));
                w.writeEndElement();
                w.writeStartElement(NS_REWIRE, "rewriteCount");
                w.writeCharacters(Integer.toString(s.rewriteCount()));
                w.writeEndElement();
                w.writeStartElement(NS_REWIRE, "memberCount");
                w.writeCharacters(Integer.toString(s.memberCount()));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed", e);
        }
        return out.toString();
    }

    static String summary(StorySummary s) {
        return s.outletCount() + (s.outletCount() == 1 ? " outlet" : " outlets") + ", " + s.rewriteCount()
                + (s.rewriteCount() == 1 ? " rewrite" : " rewrites") + ": " + String.join(", ", s.outlets());
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(NS_ATOM, name);
        w.writeCharacters(xml(value));
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href, String type) throws XMLStreamException {
        w.writeEmptyElement(NS_ATOM, "link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", xml(href));
        w.writeAttribute("type", type);
    }

    /** Drops the characters XML 1.0 cannot represent (control characters, lone surrogates). */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (!ok && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            } else if (ok && b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    static boolean isHttp(String url) {
        if (url == null) {
            return false;
        }
        String u = url.toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("http://") || u.startsWith("https://");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void put(Map<String, Object> m, String key, Instant t) {
        if (t != null) {
            m.put(key, t.toString());
        }
    }
}
