package dev.rewire.sink.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Relation;
import dev.rewire.model.RewriteEvent;
import dev.rewire.sink.postgres.Migrations;
import dev.rewire.sink.postgres.ReadModelWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdom2.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed API against a seeded read model on a real PostgreSQL: JSON Feed and Atom validity (Atom parsed
 * by Rome, an independent parser), filters, cursor pagination, the live stream and the security headers.
 */
class FeedApiTest {

    static final String SCRIPT_TITLE = "Council <script>alert('x')</script> \" onmouseover=\"alert(1) vote";
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    static Path tmp;
    static EmbeddedPostgres pg;
    static DataSource db;
    static WebServer server;
    static SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start();
        db = pg.getPostgresDatabase();
        Migrations.migrate(db);
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE articles, stories, rewrites, story_feed, outlets, sink_offsets");
        }
        // Story "fire": original by alpha, an exact copy by beta, a rewrite by gamma. Story "vote": the script
        // title, alpha then beta. Story "fest": one German article. Twelve one-member stories for paging.
        List<CleanArticle> articles = new ArrayList<>();
        List<RewriteEvent> rewrites = new ArrayList<>();
        articles.add(article("f1", "alpha", "Mill fire closes road", "fire", Relation.ORIGINAL, 0, "en"));
        articles.add(article("f2", "beta", "Mill fire closes road", "fire", Relation.EXACT, 600, "en"));
        articles.add(article("f3", "gamma", "Road shut after mill blaze", "fire", Relation.REWRITE, 3600, "en"));
        rewrites.add(rewrite("f2", "fire", "f1", Relation.EXACT, "beta", "alpha", 600));
        rewrites.add(rewrite("f3", "fire", "f1", Relation.REWRITE, "gamma", "alpha", 3600));
        articles.add(article("v1", "alpha", SCRIPT_TITLE, "vote", Relation.ORIGINAL, 100, "en"));
        articles.add(article("v2", "beta", SCRIPT_TITLE, "vote", Relation.NEAR, 400, "en"));
        articles.add(article("d1", "delta", "Stadtfest beginnt", "fest", Relation.ORIGINAL, 200, "de"));
        for (int i = 0; i < 12; i++) {
            articles.add(article("p" + i, "alpha", "Paging story " + i, "page" + i, Relation.ORIGINAL, 300 + i, "en"));
        }
        for (CleanArticle a : articles) { // one transaction each: distinct change numbers, like a live sink
            ReadModelWriter.writeAll(db, List.of(a), rewrites.stream().filter(r -> r.articleId().equals(a.id())).toList());
        }
        server = WebServer.start(new WebConfig("127.0.0.1", 0, null, 5, 50, Duration.ofMillis(100), 4, 8, 4,
                Duration.ZERO), db, registry);  // every answer fresh: the tests write between reads
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void jsonFeedIsValidJsonFeed11WithOneItemPerStory() throws Exception {
        HttpResponse<String> r = get("/feed.json?limit=50&since=2000-01-01T00:00:00Z");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/feed+json"));
        JsonNode feed = Json.mapper().readTree(r.body());
        assertThat(feed.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.get("title").asText()).isNotBlank();
        assertThat(URI.create(feed.get("feed_url").asText()).isAbsolute()).isTrue();
        assertThat(feed.has("next_url")).isFalse();
        JsonNode items = feed.get("items");
        assertThat(items).hasSize(15);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : items) {
            ids.add(item.get("id").asText());
            assertThat(item.get("id").isTextual()).isTrue();
            assertThat(item.has("content_text") || item.has("content_html")).isTrue();
            assertThat(item.get("authors").isArray()).isTrue();
            Instant.parse(item.get("date_modified").asText());
            item.fieldNames().forEachRemaining(name -> assertThat(name).isIn("id", "url", "title", "content_text",
                    "summary", "date_published", "date_modified", "authors", "tags", "language", "_rewire"));
        }
        assertThat(ids).doesNotHaveDuplicates();
        JsonNode fire = find(items, "urn:rewire:story:fire");
        assertThat(fire.get("title").asText()).isEqualTo("Mill fire closes road"); // the original's title
        assertThat(fire.get("content_text").asText()).contains("Body of f1");
        assertThat(fire.get("_rewire").get("rewrite_count").asInt()).isEqualTo(2);
        assertThat(fire.get("_rewire").get("outlets")).extracting(JsonNode::asText).containsExactly("alpha", "beta", "gamma");
        assertThat(find(items, "urn:rewire:story:vote").get("title").asText()).isEqualTo(SCRIPT_TITLE);
    }

    @Test
    void atomFeedParsesWithRomeAndCarriesStoriesOutletsAndRewriteCounts() throws Exception {
        HttpResponse<byte[]> r = http.send(request("/feed.atom?limit=50").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(r.body())));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).hasSize(15);
        SyndEntry fire = feed.getEntries().stream().filter(e -> e.getUri().equals("urn:rewire:story:fire")).findFirst().orElseThrow();
        assertThat(fire.getTitle()).isEqualTo("Mill fire closes road");
        assertThat(fire.getAuthors()).extracting(SyndPerson::getName).containsExactly("alpha", "beta", "gamma");
        assertThat(fire.getCategories()).extracting(SyndCategory::getName).containsExactly("alpha", "beta", "gamma");
        assertThat(fire.getContents().get(0).getValue()).contains("Body of f1");
        assertThat(fire.getUpdatedDate()).isNotNull();
        List<Element> foreign = fire.getForeignMarkup();
        assertThat(foreign).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("rewriteCount");
            assertThat(e.getText()).isEqualTo("2");
        });
        SyndEntry vote = feed.getEntries().stream().filter(e -> e.getUri().equals("urn:rewire:story:vote")).findFirst().orElseThrow();
        assertThat(vote.getTitle()).isEqualTo(SCRIPT_TITLE); // text survives as text, not markup
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("<script>");
    }

    @Test
    void cursorPaginationVisitsEveryStoryOnceInBothFormats() throws Exception {
        List<String> viaJson = new ArrayList<>();
        String next = "/feed.json?limit=4";
        int pages = 0;
        while (next != null) {
            JsonNode feed = Json.mapper().readTree(get(next).body());
            feed.get("items").forEach(i -> viaJson.add(i.get("id").asText()));
            next = feed.has("next_url") ? pathOf(feed.get("next_url").asText()) : null;
            pages++;
        }
        assertThat(pages).isEqualTo(4);
        assertThat(viaJson).hasSize(15).doesNotHaveDuplicates();

        List<String> viaAtom = new ArrayList<>();
        next = "/feed.atom?limit=4";
        while (next != null) {
            byte[] body = http.send(request(next).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(body)));
            feed.getEntries().forEach(e -> viaAtom.add(e.getUri()));
            next = feed.getLinks().stream().filter(l -> "next".equals(l.getRel())).map(SyndLink::getHref)
                    .findFirst().map(FeedApiTest::pathOf).orElse(null);
        }
        assertThat(viaAtom).isEqualTo(viaJson);
    }

    @Test
    void filtersByOutletLanguageMinimumOutletsAndSince() throws Exception {
        assertThat(itemIds("/feed.json?outlet=gamma")).containsExactly("urn:rewire:story:fire");
        assertThat(itemIds("/feed.json?language=de")).containsExactly("urn:rewire:story:fest");
        assertThat(itemIds("/feed.json?minOutlets=2&limit=50")).containsExactlyInAnyOrder("urn:rewire:story:fire",
                "urn:rewire:story:vote");
        assertThat(itemIds("/feed.json?since=2999-01-01T00:00:00Z")).isEmpty();
        assertThat(itemIds("/feed.json?since=1h&limit=50")).hasSize(15);
        assertThat(get("/feed.json?since=yesterday").statusCode()).isEqualTo(400);
        // beyond what PostgreSQL's timestamps hold: a clear 400, not a database error and a 500
        assertThat(get("/feed.json?since=%2B300000-01-01T00:00:00Z").statusCode()).isEqualTo(400);
        assertThat(get("/feed.json?since=999999999d").statusCode()).isEqualTo(400);
        assertThat(get("/feed.json?limit=100000").statusCode()).isEqualTo(400);
        assertThat(get("/feed.json?limit=4294967297").statusCode()).as("not narrowed to 1").isEqualTo(400);
        assertThat(get("/feed.json?cursor=!!").statusCode()).isEqualTo(400);
    }

    @Test
    void storyApiListsMembersWithLagRelationAndSimilarity() throws Exception {
        JsonNode story = Json.mapper().readTree(get("/api/stories/fire").body());
        assertThat(story.get("story").get("memberCount").asInt()).isEqualTo(3);
        JsonNode members = story.get("members");
        assertThat(members).extracting(m -> m.get("outlet").asText()).containsExactly("alpha", "beta", "gamma");
        assertThat(members).extracting(m -> m.get("lagSeconds").asLong()).containsExactly(0L, 600L, 3600L);
        assertThat(members.get(2).get("relation").asText()).isEqualTo("rewrite");
        assertThat(get("/api/stories/nope").statusCode()).isEqualTo(404);
        JsonNode ranked = Json.mapper().readTree(get("/api/stories?sort=rank&limit=3").body());
        assertThat(ranked.get("stories").get(0).get("storyId").asText()).isEqualTo("fire");
        JsonNode outlets = Json.mapper().readTree(get("/api/outlets").body());
        assertThat(outlets.get("edges")).anySatisfy(e -> {
            assertThat(e.get("firstOutlet").asText()).isEqualTo("alpha");
            assertThat(e.get("rewritingOutlet").asText()).isEqualTo("gamma");
            assertThat(e.get("medianLagSeconds").asLong()).isEqualTo(3600);
        });
    }

    @Test
    void liveStreamSendsNewAndUpdatedStories() throws Exception {
        HttpResponse<InputStream> r = http.send(request("/api/stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.offer(line);
                }
            } catch (Exception ignored) {
                // closed by the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(300);
        ReadModelWriter.writeAll(db, List.of(article("x1", "delta", "Late breaking story", "late",
                Relation.ORIGINAL, 7200, "en")), List.of());
        String data = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (data == null && System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data: ")) {
                data = line.substring(6);
            }
        }
        r.body().close();
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM articles WHERE id = 'x1'; DELETE FROM story_feed WHERE story_id = 'late'");
        }
        assertThat(data).isNotNull();
        JsonNode story = Json.mapper().readTree(data);
        assertThat(story.get("storyId").asText()).isEqualTo("late");
        assertThat(story.get("memberCount").asInt()).isEqualTo(1);
    }

    @Test
    void everyResponseIsLockedDown() throws Exception {
        for (String path : List.of("/", "/assets/app.js", "/feed.json", "/api/stories", "/nope")) {
            HttpResponse<String> r = get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).contains(WebServer.CSP);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
        }
        assertThat(WebServer.CSP).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(get("/").body()).doesNotContainPattern("<script>[^<]").doesNotContain("http://").doesNotContain("https://");
        assertThat(http.send(request("/feed.json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        // DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read the API.
        assertThat(rawStatus("/api/stories", "evil.example")).isEqualTo(421);
        assertThat(rawStatus("/api/stories", "127.evil.example")).as("a name, not a loopback address").isEqualTo(421);
        assertThat(rawStatus("/api/stories", "127.0.0.1:" + server.uri().getPort())).isEqualTo(200);
        assertThat(rawStatus("/api/stories", "localhost:" + server.uri().getPort())).isEqualTo(200);
        assertThat(registry.get("rewire.web.requests").tag("route", "feed_json").tag("status", "200").counter().count())
                .isPositive();
    }

    @Test
    void anAccessTokenGuardsEverythingWhenConfigured() throws Exception {
        try (WebServer guarded = WebServer.start(new WebConfig("127.0.0.1", 0, "s3cret", 5, 50, Duration.ofMillis(100),
                2, 6, 4, Duration.ZERO), db, new SimpleMeterRegistry())) {
            URI base = guarded.uri();
            assertThat(send(base, "/feed.json", Map.of()).statusCode()).isEqualTo(401);
            assertThat(send(base, "/", Map.of()).statusCode()).isEqualTo(401);
            assertThat(send(base, "/feed.json", Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
            assertThat(send(base, "/feed.json", Map.of("Authorization", "Bearer s3cret")).statusCode()).isEqualTo(200);
            assertThat(send(base, "/feed.atom?token=s3cret", Map.of()).statusCode()).isEqualTo(200);
            HttpResponse<String> login = send(base, "/?token=s3cret", Map.of());
            assertThat(login.statusCode()).isEqualTo(303);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");  // Lax: sent on the redirect from a link
            assertThat(send(base, "/api/stories", Map.of("Cookie", "rewire_token=%zz")).statusCode())
                    .as("a malformed cookie is no token, not a server error").isEqualTo(401);
            assertThat(send(base, "/api/stories", Map.of("Cookie", cookie.split(";")[0])).statusCode()).isEqualTo(200);
            assertThat(guarded.dashboardUri().toString()).endsWith("/?token=s3cret");
            assertThat(guarded.printableDashboardUri()).endsWith("/?token=<web.accessToken>").doesNotContain("s3cret");

            // a feed reader paging with ?token=: the next page's link keeps it, and works
            JsonNode page1 = Json.mapper().readTree(send(base, "/feed.json?token=s3cret&limit=5", Map.of()).body());
            String next = page1.get("next_url").asText();
            assertThat(next).contains("token=s3cret");
            URI nextUri = URI.create(next);
            assertThat(send(base, nextUri.getRawPath() + "?" + nextUri.getRawQuery(), Map.of()).statusCode()).isEqualTo(200);
            // a header-authenticated client never sees the token in a link
            JsonNode viaHeader = Json.mapper().readTree(send(base, "/feed.json?limit=5",
                    Map.of("Authorization", "Bearer s3cret")).body());
            assertThat(viaHeader.get("next_url").asText()).doesNotContain("token");
        }
    }

    @Test
    void aFeedReaderHoldingTheLatestPageGets304UntilAStoryChanges() throws Exception {
        for (String path : List.of("/feed.json?limit=5", "/feed.atom?limit=5")) {
            HttpResponse<String> first = get(path);
            String tag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control")).contains("private, no-cache");
            HttpResponse<String> again = send(server.uri(), path, Map.of("If-None-Match", tag));
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(send(server.uri(), path + "&outlet=alpha", Map.of("If-None-Match", tag)).statusCode())
                    .as("another query is another page").isEqualTo(200);

            ReadModelWriter.writeAll(db, List.of(article("e1", "delta", "A change", "etag", Relation.ORIGINAL, 9000,
                    "en")), List.of());
            try {
                HttpResponse<String> changed = send(server.uri(), path, Map.of("If-None-Match", tag));
                assertThat(changed.statusCode()).as("a story changed since").isEqualTo(200);
                assertThat(changed.body()).contains("A change");
                assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(Optional.of(tag));
            } finally {
                try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                    st.execute("DELETE FROM articles WHERE id = 'e1'; DELETE FROM story_feed WHERE story_id = 'etag'");
                }
            }
        }
        HttpResponse<String> relative = get("/feed.json?since=24h");
        assertThat(relative.headers().firstValue("ETag")).as("a page that changes with the clock").isEmpty();
    }

    @Test
    void behindATlsProxyTheFeedLinksAreHttps() throws Exception {
        HttpResponse<String> r = send(server.uri(), "/feed.json?limit=5", Map.of("X-Forwarded-Proto", "https"));
        JsonNode feed = Json.mapper().readTree(r.body());
        assertThat(feed.get("next_url").asText()).startsWith("https://");
        assertThat(feed.get("feed_url").asText()).startsWith("https://");
        JsonNode plain = Json.mapper().readTree(get("/feed.json?limit=5").body());
        assertThat(plain.get("next_url").asText()).startsWith("http://");
    }

    @Test
    void aStoryPageListsAtMostItsFirstMembersButCountsThemAll() throws Exception {
        int n = ReadModel.MAX_DETAIL_MEMBERS + 3;
        List<CleanArticle> big = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            big.add(article("s" + i, "wire" + i, "Syndicated story", "syndicated",
                    i == 0 ? Relation.ORIGINAL : Relation.EXACT, 500 + i, "en"));
        }
        ReadModelWriter.writeAll(db, big, List.of());
        try {
            JsonNode detail = Json.mapper().readTree(get("/api/stories/syndicated").body());
            assertThat(detail.get("members")).hasSize(ReadModel.MAX_DETAIL_MEMBERS);
            assertThat(detail.get("members").get(0).get("id").asText()).isEqualTo("s0");
            assertThat(detail.get("story").get("memberCount").asInt()).isEqualTo(n);
        } finally {
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM articles WHERE story_id = 'syndicated'; "
                        + "DELETE FROM story_feed WHERE story_id = 'syndicated'; DELETE FROM outlets WHERE outlet LIKE 'wire%'");
            }
        }
    }

    @Test
    void aStreamResumingFromAheadOfTheServerStartsAtTheLatestChange() throws Exception {
        HttpResponse<InputStream> r = http.send(request("/api/stream").header("Last-Event-ID", "999999999").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String comment = in.readLine();
            while (comment != null && !comment.startsWith(":")) {
                comment = in.readLine();
            }
            assertThat(comment).isNotNull();
            long after = Long.parseLong(comment.replaceAll(".* after ", "").trim());
            assertThat(after).isLessThan(999999999L).isPositive();
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    static CleanArticle article(String id, String outlet, String title, String story, Relation relation,
                                long offsetSeconds, String language) {
        boolean original = relation == Relation.ORIGINAL;
        return new CleanArticle(1, id, "i-" + id, "https://" + outlet + ".example/" + id, "https://" + outlet + ".example/" + id,
                outlet, title, "Desk", T0.plusSeconds(offsetSeconds), T0.plusSeconds(offsetSeconds + 5), language,
                "Body of " + id + ". The mill caught fire <b>early</b>.\n\nSecond paragraph.", 12, story, relation,
                original ? null : story.equals("fire") ? "f1" : "v1", original ? null : 0.8, Map.of());
    }

    static RewriteEvent rewrite(String id, String story, String originalId, Relation relation, String outlet,
                                String originalOutlet, long lag) {
        return new RewriteEvent(1, id, story, originalId, relation, 0.8, outlet, originalOutlet, lag);
    }

    static JsonNode find(JsonNode items, String id) {
        for (JsonNode i : items) {
            if (i.get("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no item " + id);
    }

    static List<String> itemIds(String path) throws Exception {
        List<String> out = new ArrayList<>();
        Json.mapper().readTree(get(path).body()).get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    static String pathOf(String absolute) {
        URI u = URI.create(absolute);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(20));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(URI base, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET sent by hand, with an arbitrary Host header. */
    static int rawStatus(String path, String host) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.uri().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .lines().findFirst().orElse("");
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

}
