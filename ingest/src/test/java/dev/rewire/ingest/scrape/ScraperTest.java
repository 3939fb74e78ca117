package dev.rewire.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.content.CappedBody;
import dev.rewire.ingest.fetch.AddressGuard;
import dev.rewire.ingest.fetch.PageFetcher;
import dev.rewire.ingest.fetch.RetryAfter;
import dev.rewire.ingest.frontier.Frontier;
import dev.rewire.ingest.source.Ingested;
import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.RawArticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scraper against real HTTP servers on loopback: discovery, politeness, conditional GET, frontier, SSRF. */
class ScraperTest {

    private static final String HTML = "text/html; charset=utf-8";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Ingested> out = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private LoopbackSite site() throws Exception {
        LoopbackSite s = new LoopbackSite();
        toClose.add(s);
        return s;
    }

    private static ScraperSettings settings(boolean polite) {
        return new ScraperSettings(4, polite, Duration.ZERO, 1, Duration.ofSeconds(5), Duration.ofHours(1), 3,
                Duration.ofMillis(200), Duration.ofSeconds(5), 1000, Duration.ofSeconds(10));
    }

    private static RewireConfig config(boolean allowPrivate) {
        return RewireConfig.defaults().with(Map.of("ingest.allowPrivateNetworks", String.valueOf(allowPrivate),
                "ingest.requestTimeout", "4s", "ingest.connectTimeout", "2s",
                "ingest.userAgent", "RewireTest/1.0 (+https://rewire.example/bot)"));
    }

    private Scraper scraper(ScraperSettings settings, PageFetcher fetcher, Frontier frontier, OutletSpec... outlets) {
        Scraper s = new Scraper(settings, fetcher, frontier, List.of(outlets), item -> {
            out.add(item);
            return CompletableFuture.completedFuture(null);
        }, registry, null, "RewireTest/1.0");
        toClose.add(s);
        s.start();
        return s;
    }

    private Scraper scraper(ScraperSettings settings, OutletSpec... outlets) {
        return scraper(settings, new PageFetcher(config(true), registry),
                Frontier.inMemory(Duration.ofDays(1), 10_000, Clock.systemUTC()), outlets);
    }

    private static OutletSpec outlet(String name, Duration every, String... seeds) {
        return new OutletSpec(name, Arrays.asList(seeds), every, null, null);
    }

    private List<RawArticle> articles() {
        return out.stream().filter(i -> i instanceof Ingested.Article).map(i -> ((Ingested.Article) i).article())
                .toList();
    }

    private List<Ingested.Failure> failures() {
        return out.stream().filter(i -> i instanceof Ingested.Failure).map(i -> (Ingested.Failure) i).toList();
    }

    private static void await(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + max).isLessThan(deadline);
            Thread.sleep(20); // polling an effect of background threads
        }
    }

    @Test
    void aRobotsTxtListingThousandsOfSitemapsAddsNoMoreThanTheCap() throws Exception {
        LoopbackSite s = site();
        StringBuilder robots = new StringBuilder("User-agent: *\nAllow: /\n");
        int listed = Scraper.MAX_SOURCES_PER_OUTLET + 250;
        for (int i = 0; i < listed; i++) {
            robots.append("Sitemap: ").append(s.url("/sitemaps/" + i + ".xml")).append('\n');
        }
        s.page("/robots.txt", "text/plain", robots.toString())
                .page("/", HTML, "<html><body>home</body></html>");

        scraper(settings(true), outlet("many-maps", Duration.ofMinutes(5), s.url("/")));
        await(() -> registry.find("rewire.ingest.sources.refused").counter() != null
                && registry.find("rewire.ingest.sources.refused").counter().count() == 250, Duration.ofSeconds(20));
        assertThat(registry.find("rewire.ingest.sources.refused").tag("outlet", "many-maps").counter().count())
                .isEqualTo(250);
    }

    @Test
    void discoversTheFeedOfAHomePageAndTheSitemapsOfRobotsTxt() throws Exception {
        LoopbackSite s = site();
        s.page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\nSitemap: " + s.url("/sitemap-index.xml") + "\n")
                .page("/", HTML, "<html><head><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom\">"
                        + "</head><body>home</body></html>")
                .page("/atom", "application/atom+xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>"
                        + "<entry><title>Ferry fares frozen</title><link href=\"/news/ferry?utm_source=rss#top\"/>"
                        + "<id>urn:1</id><published>2026-03-02T08:00:00Z</published></entry></feed>")
                .page("/sitemap-index.xml", "application/xml", "<?xml version=\"1.0\"?><sitemapindex "
                        + "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>" + s.url("/news.xml")
                        + "</loc></sitemap></sitemapindex>")
                .page("/news.xml", "application/xml", "<?xml version=\"1.0\"?><urlset "
                        + "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                        + "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>"
                        + s.url("/news/quarry") + "</loc><news:news><news:publication><news:name>T</news:name>"
                        + "<news:language>en</news:language></news:publication><news:publication_date>"
                        + "2026-03-01T12:00:00Z</news:publication_date><news:title>Quarry appeal lost</news:title>"
                        + "</news:news></url></urlset>")
                .page("/news/ferry", HTML, LoopbackSite.article("Ferry fares frozen", null))
                .page("/news/quarry", HTML, LoopbackSite.article("Quarry appeal lost", s.url("/news/quarry-appeal")));

        scraper(settings(true), outlet("tollbridge-times", Duration.ofMinutes(5), s.url("/")));
        await(() -> articles().size() == 2, Duration.ofSeconds(10));

        RawArticle ferry = articles().stream().filter(a -> a.url().contains("ferry")).findFirst().orElseThrow();
        assertThat(ferry.url()).isEqualTo(s.url("/news/ferry"));
        assertThat(ferry.discoveredVia()).isEqualTo(DiscoveredVia.FEED);
        assertThat(ferry.title()).isEqualTo("Ferry fares frozen");
        assertThat(ferry.publishedAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(ferry.outlet()).isEqualTo("tollbridge-times");
        RawArticle quarry = articles().stream().filter(a -> a.url().contains("quarry")).findFirst().orElseThrow();
        assertThat(quarry.discoveredVia()).isEqualTo(DiscoveredVia.SITEMAP);
        assertThat(quarry.title()).isEqualTo("Quarry appeal lost");
        assertThat(quarry.publishedAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        // The canonical link (same site) is the key; the fetched URL stays the final URL.
        assertThat(quarry.url()).isEqualTo(s.url("/news/quarry-appeal"));
        assertThat(quarry.finalUrl()).isEqualTo(s.url("/news/quarry"));
        assertThat(s.hitsOf("/robots.txt")).hasSize(1);
    }

    @Test
    void robotsRulesAreObeyedAndCrawlDelaySpacesRequests() throws Exception {
        LoopbackSite s = site();
        s.page("/robots.txt", "text/plain", "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n")
                .page("/feed", "application/rss+xml", LoopbackSite.rss(s.url("/a"), s.url("/private/b"), s.url("/c")))
                .page("/a", HTML, LoopbackSite.article("A", null))
                .page("/c", HTML, LoopbackSite.article("C", null))
                .page("/private/b", HTML, LoopbackSite.article("B", null));

        scraper(settings(true), outlet("o", Duration.ofMinutes(5), s.url("/feed")));
        await(() -> articles().size() == 2, Duration.ofSeconds(15));

        assertThat(s.hitsOf("/private/b")).isEmpty();
        assertThat(registry.counter("rewire.ingest.robots.denied").count()).isEqualTo(1);
        List<LoopbackSite.Hit> hits = s.hits;
        for (int i = 1; i < hits.size(); i++) {
            assertThat(Duration.ofNanos(hits.get(i).nanos() - hits.get(i - 1).nanos()))
                    .as("gap before " + hits.get(i).path()).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
        assertThat(hits).extracting(LoopbackSite.Hit::path).containsExactly("/robots.txt", "/feed", "/a", "/c");
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        LoopbackSite s = site();
        s.page("/feed", "application/rss+xml", LoopbackSite.rss(s.url("/busy")))
                .route("/busy", (ex, n) -> {
                    if (n == 1) {
                        ex.getResponseHeaders().set("Retry-After", "1");
                        return LoopbackSite.send(ex, 429, "text/plain", "slow down");
                    }
                    return LoopbackSite.send(ex, 200, HTML, LoopbackSite.article("Busy", null));
                });

        scraper(settings(true), outlet("o", Duration.ofMinutes(5), s.url("/feed")));
        await(() -> articles().size() == 1, Duration.ofSeconds(10));

        List<LoopbackSite.Hit> busy = s.hitsOf("/busy");
        assertThat(busy).extracting(LoopbackSite.Hit::status).containsExactly(429, 200);
        assertThat(Duration.ofNanos(busy.get(1).nanos() - busy.get(0).nanos())).isGreaterThanOrEqualTo(
                Duration.ofMillis(950));
        assertThat(failures()).isEmpty();
    }

    @Test
    void aRetryAfterOfCenturiesIsCappedAtTheMaximumBackOffAndBreaksNothing() throws Exception {
        LoopbackSite s = site();
        s.page("/feed", "application/rss+xml", LoopbackSite.rss(s.url("/seconds"), s.url("/date")))
                .route("/seconds", (ex, n) -> {
                    if (n == 1) {
                        ex.getResponseHeaders().set("Retry-After", "99999999999999999999");
                        return LoopbackSite.send(ex, 503, "text/plain", "come back in a while");
                    }
                    return LoopbackSite.send(ex, 200, HTML, LoopbackSite.article("Seconds", null));
                })
                .route("/date", (ex, n) -> {
                    if (n == 1) {
                        ex.getResponseHeaders().set("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT");
                        return LoopbackSite.send(ex, 429, "text/plain", "come back much later");
                    }
                    return LoopbackSite.send(ex, 200, HTML, LoopbackSite.article("Date", null));
                });
        ScraperSettings quick = new ScraperSettings(4, true, Duration.ZERO, 1, Duration.ofSeconds(5), Duration.ofHours(1),
                3, Duration.ofMillis(200), Duration.ofMillis(300), 1000, Duration.ofSeconds(10));

        scraper(quick, outlet("o", Duration.ofMinutes(5), s.url("/feed")));
        await(() -> articles().size() == 2, Duration.ofSeconds(10));

        assertThat(s.hitsOf("/seconds")).extracting(LoopbackSite.Hit::status).containsExactly(503, 200);
        assertThat(s.hitsOf("/date")).extracting(LoopbackSite.Hit::status).containsExactly(429, 200);
        assertThat(failures()).isEmpty();
        assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", java.time.Instant.EPOCH)).isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.parse("99999999999", java.time.Instant.EPOCH)).isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.parse("120", java.time.Instant.EPOCH)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void serverErrorsBackOffAndGiveUpAfterTheLastAttempt() throws Exception {
        LoopbackSite s = site();
        s.page("/feed", "application/rss+xml", LoopbackSite.rss(s.url("/down")))
                .route("/down", (ex, n) -> LoopbackSite.send(ex, 503, "text/plain", "down"));

        scraper(settings(false), outlet("o", Duration.ofMinutes(5), s.url("/feed")));
        await(() -> failures().size() == 1, Duration.ofSeconds(10));

        assertThat(s.hitsOf("/down")).hasSize(3);
        assertThat(failures().get(0).message()).contains("HTTP 503");
        List<LoopbackSite.Hit> down = s.hitsOf("/down");
        // back-off from 200 ms, doubling, at least half of it (jitter)
        assertThat(Duration.ofNanos(down.get(2).nanos() - down.get(1).nanos())).isGreaterThanOrEqualTo(
                Duration.ofMillis(190));
    }

    @Test
    void conditionalGetSavesReDownloadingAnUnchangedFeed() throws Exception {
        LoopbackSite s = site();
        String feed = LoopbackSite.rss(s.url("/one"));
        s.route("/feed", (ex, n) -> {
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return 304;
            }
            return LoopbackSite.send(ex, 200, "application/rss+xml", feed);
        }).page("/one", HTML, LoopbackSite.article("One", null));

        scraper(settings(false), outlet("o", Duration.ofMillis(100), s.url("/feed")));
        // the server logs a hit before the fetcher has counted its answer: wait for both
        await(() -> s.hitsOf("/feed").size() >= 3 && registry.find("rewire.ingest.fetch.requests")
                .tag("outcome", "not-modified").counters().stream().mapToDouble(c -> c.count()).sum() >= 2,
                Duration.ofSeconds(10));

        List<LoopbackSite.Hit> polls = s.hitsOf("/feed");
        assertThat(polls.get(0).status()).isEqualTo(200);
        assertThat(polls.subList(1, polls.size())).allSatisfy(h -> {
            assertThat(h.ifNoneMatch()).isEqualTo("\"v1\"");
            assertThat(h.status()).isEqualTo(304);
        });
        assertThat(s.hitsOf("/one")).hasSize(1);
        assertThat(registry.find("rewire.ingest.fetch.requests").tag("outcome", "not-modified").counter().count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRestartReFetchesNothingAlreadyPublished(@TempDir Path dir) throws Exception {
        LoopbackSite s = site();
        s.page("/feed", "application/rss+xml", LoopbackSite.rss(s.url("/x"), s.url("/y")))
                .page("/x", HTML, LoopbackSite.article("X", null))
                .page("/y", HTML, LoopbackSite.article("Y", null));
        Path log = dir.resolve("frontier.log");
        PageFetcher fetcher = new PageFetcher(config(true), registry);

        Frontier first = Frontier.open(log, Duration.ofDays(1), 1000, Clock.systemUTC());
        Scraper one = scraper(settings(false), fetcher, first, outlet("o", Duration.ofMinutes(5), s.url("/feed")));
        await(() -> articles().size() == 2 && first.size() == 2, Duration.ofSeconds(10));
        one.close();
        first.close();

        Frontier second = Frontier.open(log, Duration.ofDays(1), 1000, Clock.systemUTC());
        toClose.add(second);
        Scraper two = scraper(settings(false), fetcher, second, outlet("o", Duration.ofMinutes(5), s.url("/feed")));
        await(() -> s.hitsOf("/feed").size() == 2 && two.idle(), Duration.ofSeconds(10));

        assertThat(s.hitsOf("/x")).hasSize(1);
        assertThat(s.hitsOf("/y")).hasSize(1);
        assertThat(articles()).hasSize(2);
    }

    @Test
    void aSlowHostDoesNotStallTheOthers() throws Exception {
        LoopbackSite slow = site();
        LoopbackSite fast = site();
        slow.page("/feed", "application/rss+xml", LoopbackSite.rss(slow.url("/s1"), slow.url("/s2")))
                .route("/s1", (ex, n) -> {
                    Thread.sleep(3000);
                    return LoopbackSite.send(ex, 200, HTML, LoopbackSite.article("S1", null));
                }).route("/s2", (ex, n) -> {
                    Thread.sleep(3000);
                    return LoopbackSite.send(ex, 200, HTML, LoopbackSite.article("S2", null));
                });
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            links.add(fast.url("/f" + i));
            fast.page("/f" + i, HTML, LoopbackSite.article("F" + i, null));
        }
        fast.page("/feed", "application/rss+xml", LoopbackSite.rss(links.toArray(String[]::new)));

        long start = System.nanoTime();
        scraper(settings(false).withPoliteness(true, Duration.ofMillis(50)),
                outlet("slow", Duration.ofMinutes(5), slow.url("/feed")),
                outlet("fast", Duration.ofMinutes(5), fast.url("/feed")));
        await(() -> articles().stream().filter(a -> a.outlet().equals("fast")).count() == 6, Duration.ofSeconds(10));
        Duration fastDone = Duration.ofNanos(System.nanoTime() - start);

        // The slow host needs 6 s for its two pages, one at a time; the fast host did not wait for it.
        assertThat(fastDone).isLessThan(Duration.ofSeconds(5));
        assertThat(articles().stream().filter(a -> a.outlet().equals("slow")).count()).isLessThan(2);
    }

    @Test
    void theAddressGuardBlocksFeedItemsAndRedirectsIntoPrivateRanges() throws Exception {
        LoopbackSite s = site();
        s.page("/feed", "application/rss+xml", LoopbackSite.rss(
                        "http://localhost:" + s.port() + "/secret-a",
                        "http://127.0.0.2:" + s.port() + "/secret-c",
                        "http://169.254.169.254/latest/meta-data/",
                        "http://[::1]:" + s.port() + "/secret-b",
                        s.url("/to-private"),
                        s.url("/fine")))
                .route("/to-private", (ex, n) -> {
                    ex.getResponseHeaders().set("Location", "http://10.0.0.7/internal");
                    ex.sendResponseHeaders(302, -1);
                    return 302;
                })
                .page("/fine", HTML, LoopbackSite.article("Fine", null));
        // This test's server counts as public (resolved as 8.8.8.8); every other name resolves for real, offline.
        AddressGuard guard = new AddressGuard(false, host -> host.equals("127.0.0.1")
                ? new InetAddress[] {InetAddress.getByAddress(new byte[] {8, 8, 8, 8})} : InetAddress.getAllByName(host));
        PageFetcher fetcher = new PageFetcher(config(false), registry, guard);

        scraper(settings(false), fetcher, Frontier.inMemory(Duration.ofDays(1), 100, Clock.systemUTC()),
                outlet("o", Duration.ofMinutes(5), s.url("/feed")));
        await(() -> out.size() == 6, Duration.ofSeconds(10));

        assertThat(articles()).extracting(RawArticle::url).containsExactly(s.url("/fine"));
        assertThat(failures()).hasSize(5).allSatisfy(f -> assertThat(f.message()).contains("refused"));
        assertThat(failures()).extracting(f -> f.rejected().url()).contains("http://169.254.169.254/latest/meta-data/");
        assertThat(s.hits).extracting(LoopbackSite.Hit::path).doesNotContain("/secret-a", "/secret-b", "/secret-c");
        assertThat(s.hitsOf("/to-private")).hasSize(1);
    }

    @Test
    void aFiftyMegabyteBodyIsCutAtTheCapAndAGzipBombIsStopped() throws Exception {
        LoopbackSite s = site();
        s.page("/feed", "application/rss+xml", LoopbackSite.rss(s.url("/huge"), s.url("/bomb")))
                .route("/huge", (ex, n) -> {
                    long size = 50L * 1024 * 1024;
                    ex.getResponseHeaders().set("Content-Type", HTML);
                    ex.sendResponseHeaders(200, size);
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'h');
                    try (OutputStream o = ex.getResponseBody()) {
                        for (long sent = 0; sent < size; sent += chunk.length) {
                            o.write(chunk);
                        }
                    } catch (java.io.IOException e) {
                        return 200; // the scraper hung up at its cap, as it should
                    }
                    return 200;
                })
                .route("/bomb", (ex, n) -> {
                    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
                    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
                        byte[] zeros = new byte[1024 * 1024];
                        for (int i = 0; i < 64; i++) {
                            z.write(zeros);
                        }
                    }
                    ex.getResponseHeaders().set("Content-Encoding", "gzip");
                    ex.getResponseHeaders().set("Content-Type", HTML);
                    byte[] body = gz.toByteArray();
                    ex.sendResponseHeaders(200, body.length);
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(body);
                    }
                    return 200;
                });
        RewireConfig cfg = config(true).with("ingest.maxBodyBytes", "5mb");
        scraper(settings(false), new PageFetcher(cfg, registry),
                Frontier.inMemory(Duration.ofDays(1), 100, Clock.systemUTC()),
                outlet("o", Duration.ofMinutes(5), s.url("/feed")));
        await(() -> out.size() == 2, Duration.ofSeconds(20));

        assertThat(articles()).singleElement().satisfies(a -> {
            assertThat(a.url()).endsWith("/huge");
            assertThat(a.truncated()).isTrue();
            assertThat(a.body().length()).isEqualTo(5 * 1024 * 1024);
        });
        // The bomb was inflated only up to the cap; 5 MB of zeros is no article: a binary-content failure.
        assertThat(failures()).singleElement().satisfies(f -> {
            assertThat(f.rejected().url()).endsWith("/bomb");
            assertThat(f.reason()).isEqualTo(dev.rewire.model.RejectReason.BINARY_CONTENT);
        });
        assertThat(registry.find("rewire.ingest.fetch.truncated").counter().count()).isEqualTo(2);
    }

    @Test
    void frequentPollsOfASlowHostDoNotStarveItsPages() throws Exception {
        LoopbackSite s = site();
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            links.add(s.url("/p" + i));
            s.page("/p" + i, HTML, LoopbackSite.article("P" + i, null));
        }
        String feed = LoopbackSite.rss(links.toArray(String[]::new));
        s.page("/feed-1", "application/rss+xml", feed).page("/feed-2", "application/rss+xml", feed)
                .page("/feed-3", "application/rss+xml", feed);

        // Three feeds due every 25-400 ms against one request per 100 ms: polls alone could use every slot.
        scraper(settings(false).withPoliteness(true, Duration.ofMillis(100)), outlet("o", Duration.ofMillis(100),
                s.url("/feed-1"), s.url("/feed-2"), s.url("/feed-3")));
        await(() -> articles().size() == 5, Duration.ofSeconds(5));
    }

    @Test
    void includeAndExcludePatternsFilterArticleUrls() throws Exception {
        LoopbackSite s = site();
        s.page("/feed", "application/rss+xml", LoopbackSite.rss(s.url("/news/a"), s.url("/video/b"), s.url("/c")))
                .page("/news/a", HTML, LoopbackSite.article("A", null));
        scraper(settings(false), new OutletSpec("o", List.of(s.url("/feed")), Duration.ofMinutes(5),
                Pattern.compile("/(news|video)/"), Pattern.compile("/video/")));
        await(() -> articles().size() == 1, Duration.ofSeconds(10));
        Thread.sleep(200); // nothing else may follow
        assertThat(s.hits).extracting(LoopbackSite.Hit::path).containsExactly("/feed", "/news/a");
    }

    @Test
    void aRobotsTxtCutAtItsCapLosesItsCutLastLineNotItsMeaning() {
        byte[] cut = "User-agent: *\nDisallow: /private/\nDisallow: /priv".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(Scraper.wholeLines(new CappedBody(cut, true)), StandardCharsets.UTF_8))
                .isEqualTo("User-agent: *\nDisallow: /private/\n");
        assertThat(Scraper.wholeLines(new CappedBody(cut, false))).isEqualTo(cut);
    }
}
