package dev.rewire.deploy.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DemoNewsroomTest {

    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final String SCRIPT = "<script>alert('x')</script>";

    private final MutableClock clock = new MutableClock(Instant.parse("2030-03-14T09:30:00Z"));
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private DemoNewsroom newsroom;

    @BeforeEach
    void start() {
        newsroom = DemoNewsroom.start("127.0.0.1", 0, clock, INTERVAL);
    }

    @AfterEach
    void stop() {
        newsroom.close();
    }

    @Test
    void bindsToTheGivenHostOnAFreePort() {
        assertThat(newsroom.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(newsroom.baseUri().getPort()).isPositive();
        assertThat(newsroom.urlListUri()).isEqualTo(newsroom.baseUri().resolve("/urls.txt"));
    }

    @Test
    void urlListGrowsAsTheClockAdvances() throws Exception {
        int total = newsroom.totalArticles();
        List<String> atStart = urlList();
        assertThat(atStart).hasSize((total + 1) / 2);
        assertThat(atStart).isEqualTo(newsroom.publishedArticleUris().stream().map(URI::toString).toList());

        clock.advance(INTERVAL.minusSeconds(1));
        assertThat(urlList()).isEqualTo(atStart);

        clock.advance(Duration.ofSeconds(1));
        List<String> afterOne = urlList();
        assertThat(afterOne).hasSize(atStart.size() + 1).startsWith(atStart.toArray(String[]::new));
        assertThat(newsroom.publishedArticleUris()).hasSize(afterOne.size());

        clock.advance(INTERVAL.multipliedBy(total));
        assertThat(urlList()).hasSize(total);
        assertThat(newsroom.publishedArticles()).isEqualTo(newsroom.articles());
    }

    @Test
    void anArticleIsServedOnlyOnceReleasedAndIsDatedWhenItGoesLive() throws Exception {
        DemoArticle next = newsroom.articles().get(newsroom.publishedArticles().size());
        assertThat(get(next.uri()).statusCode()).isEqualTo(404);
        assertThat(next.published()).isEqualTo(clock.instant().plus(INTERVAL));

        clock.advance(INTERVAL);
        assertThat(get(next.uri()).statusCode()).isEqualTo(200);
    }

    @Test
    void everyListedUrlIsAnHtmlArticleWithEscapedTitleAndMetadata() throws Exception {
        clock.advance(INTERVAL.multipliedBy(newsroom.totalArticles()));
        Map<URI, DemoArticle> byUri = newsroom.articles().stream()
                .collect(Collectors.toMap(DemoArticle::uri, a -> a));
        for (String url : urlList()) {
            HttpResponse<String> response = get(URI.create(url));
            DemoArticle article = byUri.get(URI.create(url));
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
            String page = response.body();
            assertThat(page).as(url)
                    .contains("<h1", escape(article.title()) + "</h1>")
                    .contains("<link rel=\"canonical\" href=\"" + url + "\">")
                    .contains("property=\"og:title\" content=\"" + escape(article.title()) + "\"")
                    .contains("<time", "datetime=\"" + article.published() + "\"")
                    .contains("application/ld+json", "\"@type\":\"NewsArticle\"", "\"datePublished\"")
                    .contains(escape(article.author()))
                    .contains("Share on", "cookie", "&copy;");
            article.paragraphs().forEach(p -> assertThat(page).as(url).contains(escape(p)));
        }
    }

    @Test
    void theScriptArticleShowsItsMarkupAsText() throws Exception {
        clock.advance(INTERVAL.multipliedBy(newsroom.totalArticles()));
        DemoArticle article = newsroom.articles().stream()
                .filter(a -> a.title().contains(SCRIPT)).findFirst().orElseThrow();
        assertThat(article.bodyText()).contains(SCRIPT, "\" onmouseover=\"alert(1)");

        String page = get(article.uri()).body();
        assertThat(page)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("&quot; onmouseover=&quot;alert(1)")
                .doesNotContain("<script>alert", "\" onmouseover=\"", "</script> typed");
        String home = get(article.outlet().home()).body();
        assertThat(home).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>alert");
    }

    @Test
    void feedsAreWellFormedRssOfThePublishedArticles() throws Exception {
        clock.advance(INTERVAL.multipliedBy(3));
        for (Outlet outlet : newsroom.outlets()) {
            HttpResponse<String> response = get(outlet.feed());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("xml");

            Document feed = safeParser().parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(feed.getDocumentElement().getTagName()).isEqualTo("rss");
            assertThat(feed.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
            NodeList items = feed.getElementsByTagName("item");
            List<DemoArticle> expected = newsroom.publishedArticles().stream()
                    .filter(a -> a.outlet().equals(outlet)).toList();
            assertThat(items.getLength()).isEqualTo(expected.size());
            for (int i = 0; i < items.getLength(); i++) {
                Element item = (Element) items.item(i);
                String link = item.getElementsByTagName("link").item(0).getTextContent();
                String title = item.getElementsByTagName("title").item(0).getTextContent();
                DemoArticle article = expected.stream().filter(a -> a.uri().toString().equals(link))
                        .findFirst().orElseThrow();
                assertThat(title).isEqualTo(article.title());
            }
        }
    }

    @Test
    void homePagesAndIndexLinkWhatIsPublished() throws Exception {
        String index = get(newsroom.baseUri()).body();
        for (Outlet outlet : newsroom.outlets()) {
            assertThat(index).contains(outlet.home().getPath());
            HttpResponse<String> home = get(outlet.home());
            assertThat(home.statusCode()).isEqualTo(200);
            newsroom.publishedArticles().stream().filter(a -> a.outlet().equals(outlet))
                    .forEach(a -> assertThat(home.body()).contains(a.uri().getPath()));
        }
    }

    @Test
    void unknownPathsAre404() throws Exception {
        String outlet = newsroom.outlets().get(0).slug();
        for (String path : List.of("/nope", "/nope/", "/" + outlet + "/nope.html", "/" + outlet + "/feed.xml/x",
                "/" + outlet + "/2001/01/01/not-a-story.html", "/urls.txt/x")) {
            assertThat(get(newsroom.baseUri().resolve(path)).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void theCatalogHasSeveralOutletsAndStoriesToGroup() {
        assertThat(newsroom.outlets()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(newsroom.outlets()).extracting(Outlet::name).doesNotHaveDuplicates();
        assertThat(newsroom.totalArticles()).isGreaterThanOrEqualTo(16);

        Map<String, List<DemoArticle>> stories = newsroom.articlesByStory();
        long multiOutlet = stories.values().stream()
                .filter(members -> members.stream().map(DemoArticle::outlet).distinct().count() >= 2).count();
        assertThat(multiOutlet).isGreaterThanOrEqualTo(3);
        assertThat(stories).hasSizeGreaterThanOrEqualTo(5);

        for (List<DemoArticle> members : stories.values()) {
            DemoArticle first = members.get(0);
            assertThat(first.kind()).isIn(DemoArticle.Kind.ORIGINAL, DemoArticle.Kind.EXCLUSIVE);
            if (first.kind() == DemoArticle.Kind.ORIGINAL) {
                assertThat(first.paragraphs()).hasSizeBetween(4, 8);
            }
            members.stream().filter(a -> a.kind() == DemoArticle.Kind.SYNDICATED)
                    .forEach(copy -> assertThat(copy.paragraphs()).isEqualTo(first.paragraphs()));
        }
        assertThat(newsroom.articles()).filteredOn(a -> a.kind() == DemoArticle.Kind.SYNDICATED).isNotEmpty();
        assertThat(newsroom.articles()).filteredOn(a -> a.kind() == DemoArticle.Kind.EXCLUSIVE).hasSizeGreaterThan(1);
        assertThat(newsroom.articles()).extracting(DemoArticle::uri).doesNotHaveDuplicates();
    }

    @Test
    void closeStopsTheServer() {
        URI base = newsroom.baseUri();
        newsroom.close();
        newsroom.close();
        assertThatThrownBy(() -> get(base)).isInstanceOf(IOException.class);
    }

    private List<String> urlList() throws Exception {
        HttpResponse<String> response = get(newsroom.urlListUri());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        return response.body().lines().filter(l -> !l.isBlank()).toList();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static DocumentBuilder safeParser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder();
    }

    /** Independent of the production escaper on purpose. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
