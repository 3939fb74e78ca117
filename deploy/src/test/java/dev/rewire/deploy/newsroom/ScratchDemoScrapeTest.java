package dev.rewire.deploy.newsroom;

import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.fetch.PageFetcher;
import dev.rewire.ingest.frontier.Frontier;
import dev.rewire.ingest.scrape.OutletSpec;
import dev.rewire.ingest.scrape.Scraper;
import dev.rewire.ingest.scrape.ScraperSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScratchDemoScrapeTest {
    @Test
    void run() throws Exception {
        try (DemoNewsroom newsroom = DemoNewsroom.start("127.0.0.1", 0, Clock.systemUTC(), Duration.ofSeconds(2))) {
            RewireConfig cfg = RewireConfig.defaults().with(Map.of("ingest.allowPrivateNetworks", "true"));
            List<OutletSpec> outlets = newsroom.outlets().stream().map(o -> new OutletSpec(o.slug(),
                    List.of(o.home().toString()), Duration.ofSeconds(2), null, null)).toList();
            AtomicInteger n = new AtomicInteger();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (Scraper s = new Scraper(ScraperSettings.fromConfig(cfg), new PageFetcher(cfg, registry),
                    Frontier.inMemory(Duration.ofDays(1), 1000, Clock.systemUTC()), outlets, i -> {
                        n.incrementAndGet();
                        return CompletableFuture.completedFuture(null);
                    }, registry, null, "x")) {
                s.start();
                for (int i = 0; i < 20; i++) {
                    Thread.sleep(2000);
                    System.out.println("t=" + (i * 2 + 2) + " published " + newsroom.publishedArticles().size()
                            + " got " + n.get() + "\n" + s.hostReport());
                }
            }
        }
    }
}
