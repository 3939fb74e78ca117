package dev.rewire.deploy.pipeline;

import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.fetch.PageFetcher;
import dev.rewire.ingest.frontier.Frontier;
import dev.rewire.ingest.publish.RawPublisher;
import dev.rewire.ingest.scrape.OutletSpec;
import dev.rewire.ingest.scrape.Scraper;
import dev.rewire.ingest.scrape.ScraperSettings;
import dev.rewire.ingest.source.ArticleSource;
import dev.rewire.ingest.source.Sources;
import dev.rewire.ingest.url.UrlNormaliser;
import dev.rewire.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage of a long-running process: ingests the configured paths once ({@code ingest.paths}:
 * directories, JSONL or WARC files) on a background thread, and runs the {@link Scraper} over the configured
 * outlets ({@code ingest.outlets.<name>.*}) and URL lists ({@code ingest.urlLists}, plus any the caller adds),
 * publishing to {@code news.raw} / {@code news.rejected}. Only a failure to publish stops the stage.
 */
public final class IngestLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);

    private final RewireConfig cfg;
    private final RawPublisher publisher;
    private final List<Path> paths;
    private final Scraper scraper;
    private final Frontier frontier;
    private final int outlets;
    private final int urlLists;
    private final ExecutorService executor;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private IngestLoop(RewireConfig cfg, RawPublisher publisher, List<Path> paths, Scraper scraper,
                       Frontier frontier, int outlets, int urlLists) {
        this.cfg = cfg;
        this.publisher = publisher;
        this.paths = paths;
        this.scraper = scraper;
        this.frontier = frontier;
        this.outlets = outlets;
        this.urlLists = urlLists;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rewire-ingest-paths");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the loop in the background. */
    public static IngestLoop start(RewireConfig cfg, String bootstrapServers, Topics topics, MeterRegistry registry,
                                   List<URI> extraUrlLists) {
        List<Path> paths = split(cfg.getString("ingest.paths", "")).stream().map(Path::of).toList();
        List<String> lists = new ArrayList<>(split(cfg.getString("ingest.urlLists", "")));
        extraUrlLists.forEach(u -> lists.add(u.toString()));
        List<OutletSpec> specs = new ArrayList<>(OutletSpec.fromConfig(cfg));
        List<String> listSeeds = lists.stream().map(UrlNormaliser::normalise).filter(u -> u != null).toList();
        if (!listSeeds.isEmpty()) {
            // URL lists mix outlets: an empty name makes the scraper name each article's outlet itself.
            specs.add(new OutletSpec("", listSeeds, cfg.getDuration("ingest.pollInterval"), null, null));
        }
        Function<String, String> outletOf = cfg.getBoolean("ingest.outletFromPathSegment")
                ? IngestLoop::firstPathSegment : url -> null;
        Frontier frontier = openFrontier(cfg);
        RawPublisher publisher = new RawPublisher(RawPublisher.producerConfig(cfg, bootstrapServers), topics, registry);
        Scraper scraper = specs.isEmpty() ? null : new Scraper(ScraperSettings.fromConfig(cfg),
                new PageFetcher(cfg, registry), frontier, specs, publisher::publish, registry, outletOf,
                cfg.getString("ingest.userAgent"));
        IngestLoop loop = new IngestLoop(cfg, publisher, paths, scraper, frontier,
                specs.size() - (listSeeds.isEmpty() ? 0 : 1), listSeeds.size());
        loop.executor.execute(loop::ingestPathsOnce);
        if (scraper != null) {
            scraper.start();
        }
        return loop;
    }

    private static Frontier openFrontier(RewireConfig cfg) {
        String where = cfg.getString("ingest.frontier.path", "").trim();
        int capacity = cfg.getInt("ingest.frontier.capacity");
        if (where.isEmpty()) {
            return Frontier.inMemory(cfg.getDuration("ingest.frontier.ttl"), capacity, Clock.systemUTC());
        }
        return Frontier.open(cfg.getPath("ingest.frontier.path", true), cfg.getDuration("ingest.frontier.ttl"),
                capacity, Clock.systemUTC());
    }

    /** What this stage reads, for people. */
    public String describe() {
        return paths.size() + " path(s) once; scraper: " + outlets + " outlet(s), " + urlLists + " URL list(s)"
                + (scraper == null ? "" : " (" + scraper.describe() + ")");
    }

    /** The scraper, or null when no outlet or URL list is configured. */
    public Scraper scraper() {
        return scraper;
    }

    /** The error that stopped the stage, or null. */
    public Throwable failure() {
        Throwable own = failure.get();
        return own != null ? own : scraper == null ? null : scraper.failure();
    }

    private void ingestPathsOnce() {
        for (Path path : paths) {
            try (ArticleSource source = Sources.open(path, cfg)) {
                long every = cfg.getDuration("ingest.progressInterval").toNanos();
                long start = System.nanoTime();
                long nextReport = start + every;
                long items = 0;
                while (source.hasNext() && !Thread.currentThread().isInterrupted()) {
                    publisher.publish(source.next());
                    items++;
                    if (System.nanoTime() - nextReport >= 0) {
                        nextReport += every;
                        LOG.info("ingesting {}: {} inputs so far (position {}, {} skipped), {} s", source.description(),
                                items, source.position(), source.skipped(), (System.nanoTime() - start) / 1_000_000_000L);
                    }
                }
                publisher.flush();
                LOG.info("ingested {}: {} inputs", source.description(), items);
            } catch (RuntimeException e) {
                if (e instanceof dev.rewire.ingest.publish.PublishException) {
                    failure.compareAndSet(null, e);
                    LOG.error("the ingest stage stopped: {}", e.getMessage(), e);
                    return;
                }
                LOG.error("cannot ingest {}: {}", path, e.getMessage());
            } catch (Exception e) {
                LOG.error("cannot ingest {}: {}", path, e.getMessage());
            }
        }
    }

    static String firstPathSegment(String url) {
        String path = URI.create(url).getPath();
        if (path == null) {
            return null;
        }
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).findFirst().orElse(null);
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public void close() {
        if (scraper != null) {
            scraper.close();
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the ingest thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            publisher.close();
        } finally {
            frontier.close();
        }
    }
}
