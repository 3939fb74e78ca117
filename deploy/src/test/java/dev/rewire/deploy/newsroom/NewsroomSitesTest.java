package dev.rewire.deploy.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.discover.Document;
import dev.rewire.ingest.discover.DocumentReader;
import dev.rewire.ingest.discover.FeedItem;
import dev.rewire.ingest.fetch.PageFetcher;
import dev.rewire.ingest.frontier.Frontier;
import dev.rewire.ingest.scrape.OutletSpec;
import dev.rewire.ingest.scrape.Scraper;
import dev.rewire.ingest.scrape.ScraperSettings;
import dev.rewire.ingest.source.Ingested;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The newsroom as a set of web sites for the scraper: robots.txt, feeds, sitemaps, ETags, fault mode. */
class NewsroomSitesTest {

    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<byte[]> get(URI uri, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void everyOutletIsASiteWithRobotsFeedsAndSitemaps() throws Exception {
        HandClock clock = new HandClock();
        try (DemoNewsroom newsroom = DemoNewsroom.start("127.0.0.1", 0, clock, INTERVAL)) {
            assertThat(newsroom.outlets()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(newsroom.outlets()).extracting(o -> o.home().getPort()).doesNotHaveDuplicates();
            for (Outlet outlet : newsroom.outlets()) {
                List<URI> mine = newsroom.publishedArticles().stream().filter(a -> a.outlet().equals(outlet))
                        .map(DemoArticle::uri).toList();
                String robots = new String(get(newsroom.robotsUri(outlet), null).body(), StandardCharsets.UTF_8);
                assertThat(robots).contains("Sitemap: " + newsroom.sitemapUri(outlet));

                for (String feed : List.of("feed.xml", "atom.xml")) {
                    HttpResponse<byte[]> r = get(outlet.home().resolve(feed), null);
                    Document d = DocumentReader.read(outlet.home().resolve(feed), r.body(), null);
                    assertThat(d.items()).extracting(FeedItem::url)
                            .containsExactlyInAnyOrderElementsOf(mine.stream().map(URI::toString).toList());
                    String etag = r.headers().firstValue("ETag").orElseThrow();
                    assertThat(get(outlet.home().resolve(feed), etag).statusCode()).isEqualTo(304);
                }
                Document sitemap = DocumentReader.read(newsroom.sitemapUri(outlet),
                        get(newsroom.sitemapUri(outlet), null).body(), null);
                if (outlet.slug().equals(DemoNewsroom.SLOW_OUTLET)) {
                    assertThat(robots).contains("Crawl-delay: 2").contains("Disallow: /skerrydown-gazette/drafts/");
                    assertThat(sitemap.format()).isEqualTo("sitemap-index");
                    assertThat(sitemap.sitemaps()).hasSize(2);
                } else {
                    assertThat(sitemap.format()).isEqualTo(outlet.slug().equals(DemoNewsroom.NEWS_SITEMAP_OUTLET)
                            ? "news-sitemap" : "sitemap");
                    assertThat(sitemap.items()).hasSize(mine.size());
                }
            }
            assertThat(get(newsroom.draftUri(), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theScraperFollowsEveryOutletFromItsHomePageAndPicksUpNewStories() throws Exception {
        HandClock clock = new HandClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Ingested> out = new CopyOnWriteArrayList<>();
        try (DemoNewsroom newsroom = DemoNewsroom.start("127.0.0.1", 0, clock, INTERVAL)) {
            List<OutletSpec> outlets = newsroom.outlets().stream().map(o -> new OutletSpec(o.slug(),
                    List.of(o.home().toString()), Duration.ofMillis(300), null, null)).toList();
            RewireConfig cfg = RewireConfig.defaults().with(Map.of("ingest.allowPrivateNetworks", "true"));
            // Politeness on, with the crawl-delay of the slow outlet capped so the test stays quick.
            ScraperSettings settings = new ScraperSettings(4, true, Duration.ofMillis(20), 1, Duration.ofMillis(100),
                    Duration.ofHours(1), 3, Duration.ofMillis(100), Duration.ofSeconds(2), 1000, Duration.ofSeconds(10));
            try (Scraper scraper = new Scraper(settings, new PageFetcher(cfg, registry),
                    Frontier.inMemory(Duration.ofDays(1), 1000, Clock.systemUTC()), outlets, item -> {
                        out.add(item);
                        return CompletableFuture.completedFuture(null);
                    }, registry, null, "RewireTest/1.0")) {
                scraper.start();
                int published = newsroom.publishedArticles().size();
                await(() -> articles(out).size() == published);

                clock.advance(INTERVAL);
                DemoArticle next = newsroom.publishedArticles().get(published);
                await(() -> articles(out).size() == published + 1);
                RawArticle fresh = articles(out).get(published);
                assertThat(fresh.url()).isEqualTo(next.uri().toString());
                assertThat(fresh.outlet()).isEqualTo(next.outlet().slug());
                // Hints come from whichever source listed the URL first (a plain sitemap has no title).
                assertThat(fresh.title()).isIn(null, next.title());
                assertThat(fresh.publishedAt()).isEqualTo(next.published());
                // The slow outlet's archive sitemap lists its draft; robots.txt keeps the scraper out.
                await(() -> registry.counter("rewire.ingest.robots.denied").count() >= 1);
            }
            assertThat(articles(out)).extracting(RawArticle::url).doesNotHaveDuplicates()
                    .doesNotContain(newsroom.draftUri().toString());
            assertThat(out).allSatisfy(i -> assertThat(i).isInstanceOf(Ingested.Article.class));
        }
    }

    @Test
    void faultModeMisbehavesAndTheScraperCopes() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Ingested> out = new CopyOnWriteArrayList<>();
        try (DemoNewsroom newsroom = DemoNewsroom.start("127.0.0.1", 0, new HandClock(), INTERVAL, true)) {
            URI home = newsroom.faultHome();
            assertThat(home).isNotNull();
            RewireConfig cfg = RewireConfig.defaults().with(Map.of("ingest.allowPrivateNetworks", "true",
                    "ingest.requestTimeout", "5s"));
            ScraperSettings settings = new ScraperSettings(4, true, Duration.ofMillis(10), 2, Duration.ofSeconds(1),
                    Duration.ofHours(1), 4, Duration.ofMillis(100), Duration.ofSeconds(3), 1000, Duration.ofSeconds(10));
            try (Scraper scraper = new Scraper(settings, new PageFetcher(cfg, registry),
                    Frontier.inMemory(Duration.ofDays(1), 1000, Clock.systemUTC()),
                    List.of(new OutletSpec("fault-lab", List.of(home.toString()), Duration.ofMinutes(5), null, null)),
                    item -> {
                        out.add(item);
                        return CompletableFuture.completedFuture(null);
                    }, registry, null, "RewireTest/1.0")) {
                scraper.start();
                await(() -> out.size() == 7);
            }
            assertThat(articles(out)).extracting(a -> URI.create(a.url()).getPath()).containsExactlyInAnyOrder(
                    "/fault-lab/ok.html", "/fault-lab/slow.html", "/fault-lab/limited.html",
                    "/fault-lab/unavailable.html", "/fault-lab/huge.html");
            assertThat(articles(out)).filteredOn(a -> a.url().endsWith("huge.html")).singleElement()
                    .satisfies(a -> assertThat(a.truncated()).isTrue());
            List<Ingested.Failure> failures = out.stream().filter(i -> i instanceof Ingested.Failure)
                    .map(i -> (Ingested.Failure) i).toList();
            assertThat(failures).extracting(f -> URI.create(f.rejected().url()).getPath())
                    .containsExactlyInAnyOrder("/fault-lab/loop-a.html", "/fault-lab/bomb.html");
            assertThat(failures).filteredOn(f -> f.rejected().url().endsWith("bomb.html")).singleElement()
                    .satisfies(f -> assertThat(f.reason()).isEqualTo(RejectReason.BINARY_CONTENT));
            assertThat(newsroom.faultHits("limited")).isEqualTo(2);
            assertThat(newsroom.faultHits("unavailable")).isEqualTo(3);
            assertThat(registry.find("rewire.ingest.failures").tag("reason", "unparseable").counter().count())
                    .isEqualTo(1);
        }
    }

    private static List<RawArticle> articles(List<Ingested> out) {
        return out.stream().filter(i -> i instanceof Ingested.Article).map(i -> ((Ingested.Article) i).article())
                .toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(20); // polling an effect of background threads
        }
    }

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private volatile Instant now = Instant.parse("2030-03-14T09:30:00Z");

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
