package dev.rewire.deploy.pipeline;

import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.fetch.PageFetcher;
import dev.rewire.ingest.fetch.SeenUrls;
import dev.rewire.ingest.fetch.UrlListSource;
import dev.rewire.ingest.publish.RawPublisher;
import dev.rewire.ingest.source.ArticleSource;
import dev.rewire.ingest.source.Sources;
import dev.rewire.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage of a long-running process: ingests the configured paths once ({@code ingest.paths}:
 * directories, JSONL or WARC files), then polls the configured URL lists ({@code ingest.urlLists}, plus
 * any the caller adds, such as the demo newsroom's) every {@code ingest.pollInterval}, fetching only pages
 * not fetched before. One background thread; a failing source is logged and retried on the next poll, only
 * a failure to publish stops the stage. The full scraper (feeds, sitemaps, politeness) replaces the URL
 * list polling later.
 */
public final class IngestLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);

    private final RewireConfig cfg;
    private final RawPublisher publisher;
    private final PageFetcher fetcher;
    private final SeenUrls seen;
    private final List<Path> paths;
    private final List<URI> urlLists;
    private final Function<String, String> outletOf;
    private final ScheduledExecutorService executor;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private IngestLoop(RewireConfig cfg, RawPublisher publisher, PageFetcher fetcher, SeenUrls seen, List<Path> paths, List<URI> urlLists,
                       Function<String, String> outletOf) {
        this.cfg = cfg;
        this.publisher = publisher;
        this.fetcher = fetcher;
        this.seen = seen;
        this.paths = paths;
        this.urlLists = urlLists;
        this.outletOf = outletOf;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rewire-ingest");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the loop in the background. */
    public static IngestLoop start(RewireConfig cfg, String bootstrapServers, Topics topics, MeterRegistry registry,
                                   List<URI> extraUrlLists) {
        List<Path> paths = split(cfg.getString("ingest.paths", "")).stream().map(Path::of).toList();
        List<URI> lists = new ArrayList<>(split(cfg.getString("ingest.urlLists", "")).stream().map(URI::create).toList());
        lists.addAll(extraUrlLists);
        Function<String, String> outletOf = cfg.getBoolean("ingest.outletFromPathSegment")
                ? IngestLoop::firstPathSegment : url -> null;
        RawPublisher publisher = new RawPublisher(RawPublisher.producerConfig(cfg, bootstrapServers), topics, registry);
        IngestLoop loop = new IngestLoop(cfg, publisher, new PageFetcher(cfg, registry), SeenUrls.fromConfig(cfg), paths,
                lists, outletOf);
        Duration every = cfg.getDuration("ingest.pollInterval");
        loop.executor.execute(loop::ingestPathsOnce);
        if (!lists.isEmpty()) {
            loop.executor.scheduleWithFixedDelay(loop::pollUrlLists, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return loop;
    }

    /** What this stage reads, for people. */
    public String describe() {
        return paths.size() + " path(s) once, " + urlLists.size() + " URL list(s) polled " + urlLists;
    }

    /** The error that stopped the stage, or null. */
    public Throwable failure() {
        return failure.get();
    }

    private void ingestPathsOnce() {
        for (Path path : paths) {
            try (ArticleSource source = Sources.open(path, cfg)) {
                drain(source);
            } catch (Exception e) {
                LOG.error("cannot ingest {}: {}", path, e.getMessage());
            }
        }
    }

    private void pollUrlLists() {
        if (failure.get() != null) {
            return;
        }
        for (URI list : urlLists) {
            try (ArticleSource source = new UrlListSource(list, fetcher, outletOf, seen)) {
                drain(source);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                LOG.error("the ingest stage stopped: {}", e.getMessage(), e);
                return;
            } catch (Exception e) {
                LOG.warn("polling {} failed: {}", list, e.getMessage());
            }
        }
    }

    private void drain(ArticleSource source) {
        while (source.hasNext() && !Thread.currentThread().isInterrupted()) {
            publisher.publish(source.next());
        }
        publisher.flush();
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
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the ingest thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
    }
}
