package dev.rewire.ingest.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

    private static final URI BASE = URI.create("https://news.example/feeds/main");

    private static Document read(String body) throws FeedException {
        return DocumentReader.read(BASE, body.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void readsRss2WithDatesTitlesAndRelativeLinks() throws Exception {
        Document d = read("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Chan</title>
                <link>https://news.example/</link>
                <item><title>Lock gates replaced</title><link>/2026/lock-gates?utm_medium=rss&amp;id=4</link>
                  <pubDate>Wed, 04 Mar 2026 09:30:00 +0100</pubDate></item>
                <item><title><![CDATA[Pier <b>reopens</b>]]></title><guid>https://news.example/pier</guid>
                  <dc:date>2026-03-05T07:00:00Z</dc:date></item>
                <item><title>No link</title><guid isPermaLink="false">tag:x</guid></item>
                </channel></rss>""");
        assertThat(d.format()).isEqualTo("rss");
        assertThat(d.items()).containsExactly(
                new FeedItem("https://news.example/2026/lock-gates?id=4", "Lock gates replaced",
                        Instant.parse("2026-03-04T08:30:00Z")),
                new FeedItem("https://news.example/pier", "Pier <b>reopens</b>", Instant.parse("2026-03-05T07:00:00Z")));
    }

    @Test
    void readsRdfAtomAndJsonFeed() throws Exception {
        Document rdf = read("""
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                  xmlns:dc="http://purl.org/dc/elements/1.1/">
                <channel rdf:about="https://news.example/"><title>C</title></channel>
                <item rdf:about="https://news.example/rdf-item"><title>Rdf item</title>
                  <dc:date>2026-01-02</dc:date></item></rdf:RDF>""");
        assertThat(rdf.format()).isEqualTo("rdf");
        assertThat(rdf.items()).containsExactly(new FeedItem("https://news.example/rdf-item", "Rdf item",
                Instant.parse("2026-01-02T00:00:00Z")));

        Document atom = read("""
                <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
                <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Tide <em>tables</em></div></title>
                  <link rel="enclosure" href="/audio.mp3"/><link href="entry-1"/><id>urn:1</id>
                  <updated>2026-02-01T10:00:00+02:00</updated></entry></feed>""");
        assertThat(atom.format()).isEqualTo("atom");
        assertThat(atom.items()).containsExactly(new FeedItem("https://news.example/feeds/entry-1", "Tide tables",
                Instant.parse("2026-02-01T08:00:00Z")));

        Document json = read("""
                {"version": "https://jsonfeed.org/version/1.1", "title": "J",
                 "items": [{"id": "1", "url": "https://news.example/j#c", "title": "Json item",
                            "date_published": "2026-02-03T04:05:06Z"},
                           {"id": "2", "external_url": "https://other.example/x"}]}""");
        assertThat(json.format()).isEqualTo("json-feed");
        assertThat(json.items()).containsExactly(
                new FeedItem("https://news.example/j", "Json item", Instant.parse("2026-02-03T04:05:06Z")),
                new FeedItem("https://other.example/x", null, null));
    }

    @Test
    void readsSitemapsIndexesNewsSitemapsAndUrlLists() throws Exception {
        Document index = read("""
                <?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <sitemap><loc>https://news.example/sm-1.xml</loc></sitemap>
                <sitemap><loc>https://news.example/sm-2.xml</loc></sitemap></sitemapindex>""");
        assertThat(index.format()).isEqualTo("sitemap-index");
        assertThat(index.sitemaps()).containsExactly("https://news.example/sm-1.xml", "https://news.example/sm-2.xml");

        Document plain = read("""
                <?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>https://news.example/a</loc><lastmod>2026-01-05</lastmod></url></urlset>""");
        assertThat(plain.format()).isEqualTo("sitemap");
        assertThat(plain.items()).containsExactly(new FeedItem("https://news.example/a", null,
                Instant.parse("2026-01-05T00:00:00Z")));

        Document news = read("""
                <?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                  xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
                <url><loc>https://news.example/n</loc><news:news><news:publication><news:name>N</news:name>
                <news:language>en</news:language></news:publication>
                <news:publication_date>2026-01-06T10:00:00Z</news:publication_date>
                <news:title>Harbour dredging starts</news:title></news:news></url></urlset>""");
        assertThat(news.format()).isEqualTo("news-sitemap");
        assertThat(news.items()).containsExactly(new FeedItem("https://news.example/n", "Harbour dredging starts",
                Instant.parse("2026-01-06T10:00:00Z")));

        Document list = read("# pages\nhttps://news.example/1\n\n/2\nmailto:x@example.org\n");
        assertThat(list.items()).extracting(FeedItem::url)
                .containsExactly("https://news.example/1", "https://news.example/2");
    }

    @Test
    void externalEntitiesAreNotExpanded() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>x</title>
                <item><title>&secret;</title><link>https://news.example/x</link></item></channel></rss>""";
        try {
            Document d = read(xxe);
            assertThat(d.items()).allSatisfy(i -> assertThat(String.valueOf(i.title())).doesNotContain("root:"));
        } catch (FeedException e) {
            assertThat(e.getMessage()).doesNotContain("root:");
        }
        String xxeSitemap = """
                <?xml version="1.0"?>
                <!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>https://news.example/&secret;</loc></url></urlset>""";
        assertThatThrownBy(() -> read(xxeSitemap)).isInstanceOf(FeedException.class);
    }

    @Test
    void entityExpansionBombsAreNotExpanded() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"");
            laughs.append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><rss version=\"2.0\"><channel><item><title>&l9;</title>"
                + "<link>https://news.example/x</link></item></channel></rss>");
        try {
            Document d = read(laughs.toString());
            assertThat(d.items()).allSatisfy(i -> assertThat(String.valueOf(i.title()).length()).isLessThan(100));
        } catch (FeedException e) {
            assertThat(e.getMessage().length()).isLessThan(2000);
        }
    }

    @Test
    void malformedOrUnknownDocumentsFailWithTheReason() {
        assertThatThrownBy(() -> read("<rss><channel><item><link>https://x.example/</item></rss>"))
                .isInstanceOf(FeedException.class).hasMessageContaining("malformed rss feed");
        assertThatThrownBy(() -> read("<html><body>hi</body></html>"))
                .isInstanceOf(FeedException.class).hasMessageContaining("root element <html>");
        assertThatThrownBy(() -> read("{\"items\": []}")).isInstanceOf(FeedException.class);
        assertThatThrownBy(() -> read("   ")).isInstanceOf(FeedException.class);
    }

    @Test
    void parsesTheDateFormsFeedsUse() {
        assertThat(Dates.parse("Tue, 03 Mar 2026 10:15:00 GMT")).isEqualTo(Instant.parse("2026-03-03T10:15:00Z"));
        assertThat(Dates.parse("3 Mar 2026 10:15 EST")).isEqualTo(Instant.parse("2026-03-03T15:15:00Z"));
        assertThat(Dates.parse("2026-03-03T10:15:00.5+01:00")).isEqualTo(Instant.parse("2026-03-03T09:15:00.5Z"));
        assertThat(Dates.parse("yesterday")).isNull();
        assertThat(Dates.parse(null)).isNull();
    }

    @Test
    void aFeedInAnotherCharsetThanItDeclaresKeepsItsItems() throws Exception {
        String rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>C</title>"
                + "<item><title>Caf\u00e9 reopens on the quay</title><link>https://news.example/cafe</link></item>"
                + "</channel></rss>";
        byte[] latin1 = rss.getBytes(StandardCharsets.ISO_8859_1);  // no encoding declared: XML says UTF-8
        Document d = DocumentReader.read(BASE, latin1, "application/rss+xml");
        assertThat(d.items()).extracting(FeedItem::title).containsExactly("Caf\u00e9 reopens on the quay");

        byte[] declaredWrong = rss.replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .getBytes(StandardCharsets.ISO_8859_1);
        Document viaHeader = DocumentReader.read(BASE, declaredWrong, "application/rss+xml; charset=ISO-8859-1");
        assertThat(viaHeader.items()).extracting(FeedItem::title).containsExactly("Caf\u00e9 reopens on the quay");
    }

    @Test
    void aJsonFeedWithOneInvalidByteKeepsItsItems() throws Exception {
        byte[] ok = ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Caf\u00e9 news\", \"items\": ["
                + "{\"id\": \"1\", \"url\": \"https://news.example/one\", \"title\": \"One X\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = ok.clone();
        for (int i = 0; i < bad.length; i++) {
            if (bad[i] == 'X') {
                bad[i] = (byte) 0xFF;  // never valid in UTF-8
            }
        }
        Document d = DocumentReader.read(BASE, bad, "application/feed+json");
        assertThat(d.items()).extracting(FeedItem::url).containsExactly("https://news.example/one");
    }

    @Test
    void aGzippedSitemapWithoutContentEncodingIsInflated() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<url><loc>https://news.example/a</loc></url><url><loc>https://news.example/b</loc></url></urlset>";
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        Document d = DocumentReader.read(URI.create("https://news.example/sitemap.xml.gz"), gz.toByteArray(),
                "application/octet-stream");
        assertThat(d.items()).extracting(FeedItem::url).containsExactly("https://news.example/a", "https://news.example/b");

        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();  // 65 MiB of zeros, ~65 KB packed
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 65; i++) {
                out.write(zeros);
            }
        }
        assertThat(bomb.size()).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> DocumentReader.read(BASE, bomb.toByteArray(), null))
                .isInstanceOf(FeedException.class).hasMessageContaining("more than " + DocumentReader.MAX_GUNZIPPED_BYTES);
        assertThatThrownBy(() -> DocumentReader.read(BASE, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}, null))
                .isInstanceOf(FeedException.class).hasMessageContaining("gzip");
    }
}
