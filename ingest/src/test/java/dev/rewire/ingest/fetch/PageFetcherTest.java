package dev.rewire.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.source.Ingested;
import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PageFetcherTest {

    private static TestServer server;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RewireConfig config(boolean allowPrivate) {
        return RewireConfig.defaults()
                .with("ingest.allowPrivateNetworks", Boolean.toString(allowPrivate))
                .with("ingest.maxBodyBytes", "64kb")
                .with("ingest.requestTimeout", "2s")
                .with("ingest.connectTimeout", "2s")
                .with("ingest.userAgent", "RewireTest/1.0 (+https://rewire.example/bot)");
    }

    private PageFetcher fetcher() {
        return new PageFetcher(config(true), registry);
    }

    @Test
    void fetchesAPage() {
        Instant before = Instant.now();
        RawArticle article = article(fetcher().fetchArticle(server.url("/page"), "Harbor Ledger", DiscoveredVia.PAGE));

        assertThat(article.url()).isEqualTo(server.url("/page"));
        assertThat(article.finalUrl()).isEqualTo(server.url("/page"));
        assertThat(article.outlet()).isEqualTo("Harbor Ledger");
        assertThat(article.contentType()).isEqualTo(RawArticle.HTML);
        assertThat(article.body()).isEqualTo(TestServer.PAGE);
        assertThat(article.discoveredVia()).isEqualTo(DiscoveredVia.PAGE);
        assertThat(article.truncated()).isFalse();
        assertThat(article.fetchedAt()).isAfterOrEqualTo(before);
        assertThat(article.schemaVersion()).isEqualTo(RawArticle.SCHEMA_VERSION);
        assertThat(server.userAgents).contains("RewireTest/1.0 (+https://rewire.example/bot)");
        assertThat(requests("ok")).isEqualTo(1);
    }

    @Test
    void defaultsTheOutletToTheHostAndHandlesTextAndCharsets() {
        RawArticle plain = article(fetcher().fetchArticle(server.url("/plain"), null, DiscoveredVia.PAGE));
        assertThat(plain.outlet()).isEqualTo("127.0.0.1");
        assertThat(plain.contentType()).isEqualTo(RawArticle.TEXT);
        assertThat(plain.body()).isEqualTo("Valley Courier: fair opens");

        assertThat(article(fetcher().fetchArticle(server.url("/cp1251"), null, DiscoveredVia.PAGE)).body())
                .contains("Северный вестник");
        assertThat(article(fetcher().fetchArticle(server.url("/gzip"), null, DiscoveredVia.PAGE)).body())
                .isEqualTo(TestServer.PAGE);
    }

    @Test
    void followsRedirectsAndRecordsTheFinalUrl() {
        RawArticle article = article(fetcher().fetchArticle(server.url("/moved"), null, DiscoveredVia.PAGE));
        assertThat(article.url()).isEqualTo(server.url("/moved"));
        assertThat(article.finalUrl()).isEqualTo(server.url("/page"));
        assertThat(article.body()).isEqualTo(TestServer.PAGE);
    }

    @Test
    void detectsRedirectLoops() {
        Ingested.Failure failure = failure(fetcher().fetchArticle(server.url("/loop-a"), null, DiscoveredVia.PAGE));
        assertThat(failure.reason()).isEqualTo(RejectReason.UNREADABLE_INPUT);
        assertThat(failure.message()).contains("redirect loop").contains("/loop-b");
        assertThat(failure.key()).isEqualTo(server.url("/loop-a"));
    }

    @Test
    void followsAtMostFiveRedirects() {
        assertThat(article(fetcher().fetchArticle(server.url("/chain/5"), null, DiscoveredVia.PAGE)).finalUrl())
                .isEqualTo(server.url("/chain/0"));
        Ingested.Failure failure = failure(fetcher().fetchArticle(server.url("/chain/6"), null, DiscoveredVia.PAGE));
        assertThat(failure.message()).contains("too many redirects").contains("more than 5");
    }

    @Test
    void anHttpErrorIsAFailureWithTheStatus() {
        Ingested.Failure failure = failure(fetcher().fetchArticle(server.url("/missing"), "Harbor Ledger",
                DiscoveredVia.PAGE));
        assertThat(failure.reason()).isEqualTo(RejectReason.UNREADABLE_INPUT);
        assertThat(failure.message()).contains("HTTP 404").contains("/missing");
        assertThat(failure.rejected().stage()).isEqualTo("ingest");
        assertThat(failure.rejected().url()).isEqualTo(server.url("/missing"));
        assertThat(failure.rejected().outlet()).isEqualTo("Harbor Ledger");
        assertThat(failure.discoveredVia()).isEqualTo(DiscoveredVia.PAGE);
        assertThat(requests("http-error")).isEqualTo(1);
    }

    @Test
    void nonTextContentIsRefused() {
        Ingested.Failure failure = failure(fetcher().fetchArticle(server.url("/image"), null, DiscoveredVia.PAGE));
        assertThat(failure.reason()).isEqualTo(RejectReason.BINARY_CONTENT);
        assertThat(failure.message()).contains("image/png");
    }

    @Test
    void cutsAnOversizedBody() {
        RawArticle article = article(fetcher().fetchArticle(server.url("/big"), null, DiscoveredVia.PAGE));
        assertThat(article.truncated()).isTrue();
        assertThat(article.body()).hasSize(64 * 1024).matches("b+");
        assertThat(registry.counter("rewire.ingest.fetch.truncated").count()).isEqualTo(1);
    }

    @Test
    void feedsSitemapsAndRobotsHaveTheirOwnCapsAndOnlyACutFeedOrSitemapFails() throws Exception {
        RewireConfig small = config(true).with("ingest.maxDocumentBytes", "256kb");
        PageFetcher fetcher = new PageFetcher(small, registry);
        assertThatThrownBy(() -> fetcher.fetch(URI.create(server.url("/big")), PageFetcher.Kind.DOCUMENT, null, null))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("more than 262144 bytes (ingest.maxDocumentBytes)")
                .extracting(e -> ((FetchException) e).reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThatThrownBy(() -> fetcher.fetch(URI.create(server.url("/bomb")), PageFetcher.Kind.DOCUMENT, null, null))
                .as("a gzip bomb as a document stops at the document cap").isInstanceOf(FetchException.class)
                .hasMessageContaining("ingest.maxDocumentBytes");
        assertThat(requests("too-large")).isEqualTo(2);
        assertThat(registry.find("rewire.ingest.fetch.requests").tag("outcome", "too-large").tag("status", "2xx")
                .counters()).as("a too-large document was a 200").isNotEmpty();

        // The page cap (64 KiB here) does not apply to documents: the whole MiB comes back.
        Fetched whole = new PageFetcher(config(true).with("ingest.maxDocumentBytes", "2mb"), registry)
                .fetch(URI.create(server.url("/big")), PageFetcher.Kind.DOCUMENT, null, null);
        assertThat(whole.body().length()).isEqualTo(1024 * 1024);
        assertThat(whole.body().truncated()).isFalse();

        // A robots.txt is read up to its own cap, and what was read is kept (a prefix of the rules is rules).
        Fetched robots = fetcher.fetch(URI.create(server.url("/big")), PageFetcher.Kind.ROBOTS, null, null);
        assertThat(robots.body().length()).isEqualTo(PageFetcher.ROBOTS_BYTES);
        assertThat(robots.body().truncated()).isTrue();
    }

    @Test
    void stopsAGzipBombAtTheCap() {
        long start = System.nanoTime();
        RawArticle article = article(fetcher().fetchArticle(server.url("/bomb"), null, DiscoveredVia.PAGE));
        assertThat(article.truncated()).isTrue();
        assertThat(article.body()).hasSize(64 * 1024).matches("a+");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aStalledBodyTimesOut() {
        long start = System.nanoTime();
        Ingested.Failure failure = failure(fetcher().fetchArticle(server.url("/slow"), null, DiscoveredVia.PAGE));
        assertThat(failure.message()).contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(requests("timeout")).isEqualTo(1);
    }

    @Test
    void aDnsLookUpThatHangsIsBoundedByTheRequestTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        AddressGuard guard = new AddressGuard(false, host -> {
            try {
                never.await(30, TimeUnit.SECONDS);  // an unanswering name server
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        });
        long start = System.nanoTime();
        Ingested.Failure failure = failure(new PageFetcher(config(false), registry, guard)
                .fetchArticle("https://slow-dns.example/news", null, DiscoveredVia.PAGE));
        assertThat(failure.message()).contains("DNS look-up of slow-dns.example").contains("ingest.requestTimeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(requests("timeout")).isEqualTo(1);
        never.countDown();
    }

    @Test
    void theRequestTimeoutBoundsTheWholeFetchNotEachRedirect() {
        // 4 hops of 800 ms: each within the 2 s time-out, together over it
        long start = System.nanoTime();
        Ingested.Failure failure = failure(fetcher().fetchArticle(server.url("/slow-chain/3"), null, DiscoveredVia.PAGE));
        assertThat(failure.message()).contains("timed out").contains("ingest.requestTimeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_000));
        // two hops fit
        assertThat(fetcher().fetchArticle(server.url("/slow-chain/1"), null, DiscoveredVia.PAGE))
                .isInstanceOf(Ingested.Article.class);
    }

    @Test
    void refusesLoopbackWhenPrivateNetworksAreNotAllowed() {
        int before = server.paths.size();
        PageFetcher guarded = new PageFetcher(config(false), registry);

        Ingested.Failure failure = failure(guarded.fetchArticle(server.url("/page"), null, DiscoveredVia.PAGE));

        assertThat(failure.reason()).isEqualTo(RejectReason.UNREADABLE_INPUT);
        assertThat(failure.message()).contains("refused").contains("loopback")
                .contains("ingest.allowPrivateNetworks");
        assertThat(server.paths).hasSize(before);
        assertThat(requests("refused")).isEqualTo(1);
    }

    @Test
    void checksEveryRedirectHop() {
        // A resolver that calls the test server public, so only the redirect target is judged private.
        AddressGuard guard = new AddressGuard(false, host -> host.equals("127.0.0.1")
                ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
                : InetAddress.getAllByName(host));
        PageFetcher fetcher = new PageFetcher(config(false), registry, guard);

        assertThat(article(fetcher.fetchArticle(server.url("/page"), null, DiscoveredVia.PAGE)).body())
                .isEqualTo(TestServer.PAGE);
        Ingested.Failure failure = failure(fetcher.fetchArticle(server.url("/to-private"), null, DiscoveredVia.PAGE));
        assertThat(failure.message()).contains("refused").contains("10.0.0.1").contains("private");
    }

    @Test
    void refusesOtherSchemesAndInvalidUrls() {
        Ingested.Failure file = failure(fetcher().fetchArticle("file:///etc/hostname", null, DiscoveredVia.PAGE));
        assertThat(file.message()).contains("only http and https");
        Ingested.Failure invalid = failure(fetcher().fetchArticle("not a url", null, DiscoveredVia.PAGE));
        assertThat(invalid.reason()).isEqualTo(RejectReason.MALFORMED_RECORD);
    }

    static RawArticle article(Ingested item) {
        assertThat(item).isInstanceOf(Ingested.Article.class);
        return ((Ingested.Article) item).article();
    }

    static Ingested.Failure failure(Ingested item) {
        assertThat(item).isInstanceOf(Ingested.Failure.class);
        return (Ingested.Failure) item;
    }

    private double requests(String outcome) {
        return registry.find("rewire.ingest.fetch.requests").tag("outcome", outcome).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }
}
