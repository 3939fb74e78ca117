package dev.rewire.ingest.bench;

import com.sun.net.httpserver.HttpServer;
import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.fetch.PageFetcher;
import dev.rewire.ingest.frontier.Frontier;
import dev.rewire.ingest.scrape.OutletSpec;
import dev.rewire.ingest.scrape.Scraper;
import dev.rewire.ingest.scrape.ScraperSettings;
import dev.rewire.ingest.source.Ingested;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scraper throughput and memory against a local server, politeness off (the numbers in docs/benchmarks.md,
 * "Scraper (issue 3)"). Not a test: run it by hand.
 *
 * <pre>
 * mvn -B -o -q -pl ingest test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -Xmx512m -cp ingest/target/classes:ingest/target/test-classes:$(cat ingest/target/bench.cp) \
 *     dev.rewire.ingest.bench.ScraperBenchmark throughput [pages=5000] [pageKb=60] [runs=3]
 * java -Xmx512m -cp ... dev.rewire.ingest.bench.ScraperBenchmark frontier [urls=100000]
 * </pre>
 *
 * <p>{@code throughput}: a JDK HTTP server on 127.0.0.1 serves a sitemap of N article pages of the given size;
 * the scraper (8 fetch threads, in-memory frontier, a sink that only counts) fetches them all; prints pages/s
 * and MB/s per run and the median (after one uncounted warm-up run of half the pages). {@code frontier}: the scraper reads a sitemap index of two 50,000-URL
 * sitemaps, fetches every (1 KB) page, and reports the process's resident set size (VmRSS) and heap once the
 * frontier holds all URLs.
 */
public final class ScraperBenchmark {

    private ScraperBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Without TCP_NODELAY the JDK server's small writes meet the client's delayed ACKs (~40 ms a response),
        // and the benchmark would measure that instead of the scraper.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String mode = args.length > 0 ? args[0] : "throughput";
        if (mode.equals("frontier")) {
            frontier(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
        } else {
            int pages = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
            int kb = args.length > 2 ? Integer.parseInt(args[2]) : 60;
            int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
            throughput(pages, kb, runs);
        }
        System.exit(0);
    }

    private static void throughput(int pages, int kb, int runs) throws Exception {
        List<double[]> results = new ArrayList<>();
        try (Site warm = new Site(Math.max(500, pages / 2), kb * 1024, "warm-up")) {
            double[] r = scrape(warm, Math.max(500, pages / 2));
            System.out.printf("warm-up (not counted): %.0f pages/s%n", r[0]);
        }
        for (int run = 1; run <= runs; run++) {
            try (Site site = new Site(pages, kb * 1024, "run" + run)) {
                double[] r = scrape(site, pages);
                results.add(r);
                System.out.printf("run %d: %d pages in %.2f s: %.0f pages/s, %.1f MB/s%n", run, pages, r[2], r[0],
                        r[1]);
            }
        }
        List<Double> pps = new ArrayList<>(results.stream().map(r -> r[0]).toList());
        List<Double> mbs = new ArrayList<>(results.stream().map(r -> r[1]).toList());
        Collections.sort(pps);
        Collections.sort(mbs);
        System.out.printf("median of %d: %.0f pages/s, %.1f MB/s (%d KB pages, %d fetch threads)%n", runs,
                pps.get(pps.size() / 2), mbs.get(mbs.size() / 2), kb, threads());
    }

    private static int threads() {
        return RewireConfig.defaults().getInt("ingest.fetchThreads");
    }

    private static double[] scrape(Site site, int expected) throws Exception {
        RewireConfig cfg = RewireConfig.defaults().with(Map.of("ingest.allowPrivateNetworks", "true"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong count = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Frontier frontier = Frontier.inMemory(Duration.ofDays(1), 1_000_000, Clock.systemUTC());
        ScraperSettings settings = ScraperSettings.fromConfig(cfg).withPoliteness(false, Duration.ZERO);
        long start = System.nanoTime();
        try (Scraper scraper = new Scraper(settings, new PageFetcher(cfg, registry), frontier,
                List.of(new OutletSpec("bench", List.of(site.url("/sitemap.xml")), Duration.ofHours(1), null, null)),
                item -> {
                    if (item instanceof Ingested.Article a) {
                        bytes.addAndGet(a.article().body().length());
                        count.incrementAndGet();
                    }
                    return CompletableFuture.completedFuture(null);
                }, registry, null, cfg.getString("ingest.userAgent"))) {
            scraper.start();
            while (count.get() < expected) {
                if (scraper.failure() != null || scraper.pagesFailed() > 0) {
                    throw new IllegalStateException("fetches failed: " + scraper.pagesFailed());
                }
                Thread.sleep(5);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {expected / seconds, bytes.get() / seconds / 1e6, seconds};
    }

    private static void frontier(int urls) throws Exception {
        try (Site site = new Site(urls, 1024, "f")) {
            RewireConfig cfg = RewireConfig.defaults().with(Map.of("ingest.allowPrivateNetworks", "true"));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Frontier frontier = Frontier.inMemory(Duration.ofDays(30), 2_000_000, Clock.systemUTC());
            ScraperSettings settings = ScraperSettings.fromConfig(cfg).withPoliteness(false, Duration.ZERO);
            AtomicLong count = new AtomicLong();
            long start = System.nanoTime();
            try (Scraper scraper = new Scraper(settings, new PageFetcher(cfg, registry), frontier,
                    List.of(new OutletSpec("bench", List.of(site.url("/sitemap-index.xml")), Duration.ofHours(1), null,
                            null)), item -> {
                        count.incrementAndGet();
                        return CompletableFuture.completedFuture(null);
                    }, registry, null, cfg.getString("ingest.userAgent"))) {
                scraper.start();
                while (frontier.size() < urls) {
                    Thread.sleep(50);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.gc();
                Thread.sleep(500);
                Runtime rt = Runtime.getRuntime();
                System.out.printf("frontier %d URLs after %.1f s (%.0f pages/s); VmRSS %s; heap used %.0f MB "
                                + "(max %.0f MB)%n", frontier.size(), seconds, urls / seconds, rss(),
                        (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6);
            }
        }
    }

    private static String rss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .map(l -> l.substring(6).strip()).findFirst().orElse("?");
    }

    /** A local site: article pages /{tag}/a/{i}.html, a sitemap of them, and a sitemap index of two halves. */
    private static final class Site implements AutoCloseable {
        private final HttpServer server;
        private final int pages;
        private final String tag;
        private final byte[] page;

        Site(int pages, int pageBytes, String tag) throws IOException {
            this.pages = pages;
            this.tag = tag;
            StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Bench"
                    + "</title></head><body><article>");
            while (html.length() < pageBytes - 40) {
                html.append("<p>The harbour board met on Tuesday to discuss the dredging schedule.</p>\n");
            }
            this.page = html.append("</article></body></html>").toString().getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", ex -> {
                String path = ex.getRequestURI().getPath();
                byte[] body;
                String type = "application/xml";
                if (path.equals("/sitemap.xml")) {
                    body = sitemap(0, pages);
                } else if (path.equals("/sitemap-index.xml")) {
                    body = ("<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                            + "<sitemap><loc>" + url("/sm-0.xml") + "</loc></sitemap><sitemap><loc>" + url("/sm-1.xml")
                            + "</loc></sitemap></sitemapindex>").getBytes(StandardCharsets.UTF_8);
                } else if (path.equals("/sm-0.xml")) {
                    body = sitemap(0, pages / 2);
                } else if (path.equals("/sm-1.xml")) {
                    body = sitemap(pages / 2, pages);
                } else {
                    body = page;
                    type = "text/html; charset=utf-8";
                }
                ex.getResponseHeaders().set("Content-Type", type);
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        private byte[] sitemap(int from, int to) {
            StringBuilder out = new StringBuilder("<?xml version=\"1.0\"?><urlset "
                    + "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            for (int i = from; i < to; i++) {
                out.append("<url><loc>").append(url("/" + tag + "/a/" + i + ".html")).append("</loc></url>\n");
            }
            return out.append("</urlset>\n").toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
