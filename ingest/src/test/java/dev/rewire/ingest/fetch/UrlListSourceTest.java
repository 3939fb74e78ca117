package dev.rewire.ingest.fetch;

import static dev.rewire.ingest.fetch.PageFetcherTest.article;
import static dev.rewire.ingest.fetch.PageFetcherTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.ingest.source.Ingested;
import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.RejectReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UrlListSourceTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fetchesEveryNewUrlOnceAcrossPolls() {
        PageFetcher fetcher = new PageFetcher(PageFetcherTest.config(true), new SimpleMeterRegistry());
        SeenUrls seen = new SeenUrls(100);
        URI list = URI.create(server.url("/lists/today.txt"));

        UrlListSource first = new UrlListSource(list, fetcher,
                url -> url.endsWith("/plain") ? "Valley Courier" : null, seen);
        List<Ingested> items = drain(first);

        assertThat(items).hasSize(4);
        assertThat(article(items.get(0)).url()).isEqualTo(server.url("/page"));
        assertThat(article(items.get(0)).outlet()).isEqualTo("127.0.0.1");
        assertThat(article(items.get(0)).discoveredVia()).isEqualTo(DiscoveredVia.PAGE);
        assertThat(article(items.get(1)).outlet()).isEqualTo("Valley Courier");
        Ingested.Failure missing = failure(items.get(2));
        assertThat(missing.message()).contains("HTTP 404");
        assertThat(missing.discoveredVia()).isEqualTo(DiscoveredVia.PAGE);
        Ingested.Failure bad = failure(items.get(3));
        assertThat(bad.reason()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(bad.message()).contains("line 7");
        assertThat(first.skipped()).as("the /page#comments duplicate").isEqualTo(1);

        UrlListSource second = new UrlListSource(list, fetcher, url -> null, seen);
        List<Ingested> again = drain(second);
        assertThat(again).as("only the unparseable line is reported again").hasSize(1);
        assertThat(second.skipped()).isEqualTo(4);
        assertThat(server.paths.stream().filter("/page"::equals).count()).isEqualTo(1);
    }

    @Test
    void anUnreachableListIsOneFailure() {
        PageFetcher fetcher = new PageFetcher(PageFetcherTest.config(true), new SimpleMeterRegistry());
        List<Ingested> items = drain(new UrlListSource(URI.create(server.url("/lists/absent.txt")), fetcher,
                url -> null, new SeenUrls(10)));
        assertThat(items).hasSize(1);
        assertThat(failure(items.get(0)).message()).contains("cannot fetch the URL list").contains("HTTP 404");
    }

    @Test
    void seenUrlsForgetsTheOldestBeyondItsCapacity() {
        SeenUrls seen = new SeenUrls(2);
        assertThat(seen.add("https://harborledger.example/a")).isTrue();
        assertThat(seen.add("HTTPS://HarborLedger.example:443/a#top")).as("same normalised URL").isFalse();
        assertThat(seen.add("https://harborledger.example/b")).isTrue();
        assertThat(seen.add("https://harborledger.example/c")).isTrue();
        assertThat(seen.size()).isEqualTo(2);
        assertThat(seen.contains("https://harborledger.example/a")).isFalse();
        assertThat(seen.contains("https://harborledger.example/c")).isTrue();
    }

    private static List<Ingested> drain(UrlListSource source) {
        List<Ingested> out = new ArrayList<>();
        try (source) {
            source.forEachRemaining(out::add);
        }
        return out;
    }
}
