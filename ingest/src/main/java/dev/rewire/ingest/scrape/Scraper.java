package dev.rewire.ingest.scrape;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.rewire.ingest.content.CappedBody;
import dev.rewire.ingest.discover.Document;
import dev.rewire.ingest.discover.DocumentReader;
import dev.rewire.ingest.discover.FeedException;
import dev.rewire.ingest.discover.FeedItem;
import dev.rewire.ingest.discover.HtmlLinks;
import dev.rewire.ingest.fetch.FetchException;
import dev.rewire.ingest.fetch.Fetched;
import dev.rewire.ingest.fetch.PageFetcher;
import dev.rewire.ingest.frontier.Frontier;
import dev.rewire.ingest.source.Ingested;
import dev.rewire.ingest.url.UrlNormaliser;
import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuous, polite news scraper: polls each outlet's sources (feeds, sitemaps, URL lists, home pages) on
 * an adaptive, jittered schedule, and fetches every article URL not in the {@link Frontier}, politely.
 *
 * <p><b>Politeness</b> is per host (scheme, host and port): robots.txt is fetched before the first request and
 * cached for {@code robotsTtl}; disallowed URLs are never fetched (counted); requests to one host are spaced by
 * the larger of {@code minDelay} and the robots.txt {@code Crawl-delay} (capped at {@code maxCrawlDelay}) with
 * at most {@code perHostConcurrency} in flight; a 429 or 503 pauses the host for its {@code Retry-After}, other
 * transient failures (time-outs, network errors, 5xx) for an exponential, jittered back-off; the URL is retried
 * up to {@code maxAttempts}. One dispatcher thread hands ready work to a pool of {@code threads} fetchers and
 * never waits on a host, so a slow or failing host holds at most its own concurrency limit of fetchers.
 *
 * <p><b>Sources</b>: a home-page seed is read once for the feeds it advertises and the sitemaps its robots.txt
 * lists, which become sources (with neither, the home page's same-site links are followed); feed and sitemap
 * seeds are sources directly; sitemap indexes add their children. Feeds and sitemaps are fetched with
 * conditional GET. A source that yields new links is polled twice as often (down to a quarter of its outlet's
 * interval), one that yields none 1.5 times less often (up to four times), ±10 % jitter; the polls of one host
 * never take more than half of its request budget, and while its pages wait a poll never goes twice in a row.
 *
 * <p><b>Articles</b>: fetched pages become {@link Ingested.Article}s keyed by their canonical URL when the page
 * declares one on the same registrable domain, else by the normalised URL; feed and news-sitemap titles and
 * dates travel as hints. A page that fails for good becomes one {@link Ingested.Failure} (logged once). A URL
 * is added to the frontier once the {@link Sink} has accepted its outcome (for Kafka: acknowledged).
 *
 * <p>Thread-safe; {@link #close()} stops polling, lets in-flight fetches finish for up to the grace period and
 * abandons the rest without recording them (they are fetched again after a restart).
 */
public final class Scraper implements AutoCloseable {

    /** Where the scraper's outcomes go; the returned stage completes once the outcome is durable. */
    @FunctionalInterface
    public interface Sink {
        /** Accepts {@code item}. */
        CompletionStage<?> accept(Ingested item);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Scraper.class);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private enum Role { SEED, DOCUMENT, LINKS }

    private final ScraperSettings settings;
    private final PageFetcher fetcher;
    private final Frontier frontier;
    private final Sink sink;
    private final MeterRegistry registry;
    private final Function<String, String> outletOf;
    private final String robotsAgent;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Host> hosts = new HashMap<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, Task> pending = new HashMap<>();
    private final ExecutorService workers;
    private final Thread dispatcher;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong pagesFetched = new AtomicLong();
    private final AtomicLong pagesFailed = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicInteger busy = new AtomicInteger();
    private final Counter robotsDenied;
    private final Counter duplicates;
    private final Timer politenessWait;
    private volatile boolean running;
    private long nextHousekeeping;
    private long nextProgress;
    private long lastProgressFetched;

    /**
     * A scraper over {@code outlets}; call {@link #start()}.
     *
     * @param outletOf names the outlet of an article of an outlet spec with an empty name (URL lists of mixed
     *                 outlets); a null answer means the URL's host
     */
    public Scraper(ScraperSettings settings, PageFetcher fetcher, Frontier frontier, List<OutletSpec> outlets,
                   Sink sink, MeterRegistry registry, Function<String, String> outletOf, String userAgent) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.frontier = frontier;
        this.sink = sink;
        this.registry = registry;
        this.outletOf = outletOf == null ? u -> null : outletOf;
        this.robotsAgent = robotsToken(userAgent);
        long now = System.nanoTime();
        for (OutletSpec outlet : outlets) {
            for (String seed : outlet.seeds()) {
                Source s = new Source(seed, outlet, Role.SEED, DiscoveredVia.PAGE);
                s.nextPoll = now;
                sources.putIfAbsent(seed, s);
            }
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "rewire-fetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dispatcher = new Thread(this::dispatchLoop, "rewire-scraper");
        this.dispatcher.setDaemon(true);
        this.robotsDenied = Counter.builder("rewire.ingest.robots.denied")
                .description("URLs not fetched because robots.txt disallows them").register(registry);
        this.duplicates = Counter.builder("rewire.ingest.duplicates")
                .description("Pages skipped because their canonical URL was already fetched").register(registry);
        this.politenessWait = Timer.builder("rewire.ingest.politeness.wait")
                .description("Time a URL waited in its host's queue (politeness delays, back-off, robots)")
                .register(registry);
        Gauge.builder("rewire.ingest.frontier.size", frontier, Frontier::size)
                .description("URLs remembered as fetched").register(registry);
        Gauge.builder("rewire.ingest.frontier.queued", queued, AtomicLong::get)
                .description("URLs waiting to be fetched").register(registry);
        Gauge.builder("rewire.ingest.sources", this, s -> s.sourceCount())
                .description("Feeds, sitemaps, lists and pages polled").register(registry);
        Gauge.builder("rewire.ingest.hosts.backingoff", this, s -> s.hostsBackingOff())
                .description("Hosts currently paused by Retry-After or back-off").register(registry);
    }

    /** Starts polling and fetching in the background. */
    public void start() {
        running = true;
        dispatcher.start();
    }

    /** The error that stopped the scraper (the sink failed), or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** Article pages fetched and handed to the sink so far. */
    public long pagesFetched() {
        return pagesFetched.get();
    }

    /** Article pages given up on so far. */
    public long pagesFailed() {
        return pagesFailed.get();
    }

    /** URLs waiting to be fetched. */
    public long queued() {
        return queued.get();
    }

    /** True when nothing is queued or in flight (sources may still be polled later). */
    public boolean idle() {
        lock.lock();
        try {
            return queued.get() == 0 && busy.get() == 0 && pending.isEmpty()
                    && sources.values().stream().noneMatch(s -> s.inFlight);
        } finally {
            lock.unlock();
        }
    }

    /** What is being scraped, for people. */
    public String describe() {
        lock.lock();
        try {
            return sources.size() + " source(s) on " + sources.values().stream().map(s -> s.outlet.name())
                    .distinct().count() + " outlet(s)";
        } finally {
            lock.unlock();
        }
    }

    /** One line per host with work: queue length, in flight, seconds until the next request, failures. */
    public String hostReport() {
        long now = System.nanoTime();
        lock.lock();
        try {
            StringBuilder out = new StringBuilder();
            for (Host h : hosts.values()) {
                if (!h.queue.isEmpty() || h.inFlight > 0) {
                    out.append(h.authority).append(": queued ").append(h.queue.size()).append(", in flight ")
                            .append(h.inFlight).append(", next in ").append(Math.max(0, (h.nextAt - now) / 1_000_000))
                            .append(" ms, delay ").append(h.delayNanos / 1_000_000).append(" ms, failures ")
                            .append(h.failures).append('\n');
                }
            }
            return out.toString();
        } finally {
            lock.unlock();
        }
    }

    private double sourceCount() {
        lock.lock();
        try {
            return sources.size();
        } finally {
            lock.unlock();
        }
    }

    private double hostsBackingOff() {
        long now = System.nanoTime();
        lock.lock();
        try {
            return hosts.values().stream().filter(h -> h.backoffUntil - now > 0).count();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------- dispatching

    private void dispatchLoop() {
        lock.lock();
        try {
            while (running) {
                long now = System.nanoTime();
                long wakeAt = now + SECOND;
                for (Source s : sources.values()) {
                    if (s.inFlight || s.retired) {
                        continue;
                    }
                    if (s.nextPoll - now <= 0) {
                        Host h = host(s.url);
                        if (h == null) {
                            s.retired = true;
                            continue;
                        }
                        s.inFlight = true;
                        Task t = new Task(s.url, s.outlet, s, null, s.via, now);
                        h.queue.addFirst(t); // a feed poll must not wait behind a backfill of its own host
                        queued.incrementAndGet();
                    } else {
                        wakeAt = Math.min(wakeAt, s.nextPoll);
                    }
                }
                for (Host h : hosts.values()) {
                    while (!h.queue.isEmpty() && h.inFlight < settings.perHostConcurrency()
                            && busy.get() < settings.threads()) {
                        if (h.nextAt - now > 0) {
                            wakeAt = Math.min(wakeAt, h.nextAt);
                            break;
                        }
                        Task t = next(h);
                        queued.decrementAndGet();
                        h.inFlight++;
                        busy.incrementAndGet();
                        h.nextAt = now + h.delayNanos;
                        politenessWait.record(now - t.enqueuedAt, TimeUnit.NANOSECONDS);
                        workers.execute(() -> run(h, t));
                    }
                }
                if (now - nextHousekeeping >= 0) {
                    housekeeping(now);
                    nextHousekeeping = now + SECOND;
                }
                long wait = Math.max(TimeUnit.MILLISECONDS.toNanos(1), wakeAt - now);
                changed.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            LOG.error("the scraper's dispatcher stopped: {}", e.toString(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The host's next task: source polls go first (discovery stays fresh during a backfill), but never twice in
     * a row while pages wait, so on a slow (crawl-delayed) host polls cannot starve the pages. Lock held.
     */
    private static Task next(Host h) {
        Task t = h.queue.peekFirst();
        if (t != null && t.source != null && h.lastWasSource) {
            for (Task candidate : h.queue) {
                if (candidate.source == null) {
                    h.queue.removeFirstOccurrence(candidate);
                    h.lastWasSource = false;
                    return candidate;
                }
            }
        }
        t = h.queue.pollFirst();
        h.lastWasSource = t != null && t.source != null;
        return t;
    }

    private void housekeeping(long now) {
        try {
            frontier.flush();
        } catch (RuntimeException e) {
            LOG.warn("cannot flush the frontier: {}", e.getMessage());
        }
        if (now - nextProgress >= 0) {
            nextProgress = now + settings.progressInterval().toNanos();
            long q = queued.get();
            long done = pagesFetched.get();
            if (q > 0) {
                LOG.info("scraper progress: {} pages fetched (+{}), {} failed, {} queued on {} host(s), frontier {}",
                        done, done - lastProgressFetched, pagesFailed.get(), q,
                        hosts.values().stream().filter(h -> !h.queue.isEmpty()).count(), frontier.size());
            }
            lastProgressFetched = done;
        }
    }

    /** The host of {@code url}, created on first use; null for a URL without one. Call with the lock held. */
    private Host host(String url) {
        String authority = UrlNormaliser.authority(url);
        if (authority == null) {
            return null;
        }
        return hosts.computeIfAbsent(authority, a -> new Host(a, settings.minDelay().toNanos()));
    }

    /** Queues an article URL unless known, pending, refused by the outlet or over the host's limit. */
    private boolean enqueuePage(FeedItem item, OutletSpec outlet, String via, long now) {
        if (!outlet.accepts(item.url()) || frontier.contains(item.url())) {
            return false;
        }
        lock.lock();
        try {
            Task known = pending.get(item.url());
            if (known != null) {
                known.hint = merge(known.hint, item); // a feed title or date found after a bare sitemap entry
                return false;
            }
            Host h = host(item.url());
            if (h == null) {
                return false;
            }
            if (h.queue.size() >= settings.maxQueuedPerHost()) {
                registry.counter("rewire.ingest.frontier.dropped").increment();
                return false;
            }
            Task task = new Task(item.url(), outlet, null, item, via, now);
            pending.put(item.url(), task);
            h.queue.addLast(task);
            queued.incrementAndGet();
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static FeedItem merge(FeedItem known, FeedItem more) {
        if (known == null) {
            return more;
        }
        if ((known.title() != null || more.title() == null) && (known.publishedAt() != null
                || more.publishedAt() == null)) {
            return known;
        }
        return new FeedItem(known.url(), known.title() != null ? known.title() : more.title(),
                known.publishedAt() != null ? known.publishedAt() : more.publishedAt());
    }

    /**
     * Most feeds and sitemaps polled per outlet. Discovery adds sources (feeds linked from pages, sitemaps
     * listed in robots.txt and sitemap indexes) and every source is polled for ever, so a robots.txt with
     * 50,000 Sitemap lines or an index that keeps naming new indexes would otherwise grow the polling work
     * without limit. Most outlets have a few feeds and sitemaps; the largest archives list a sitemap per day
     * for decades, hence the room. Discoveries past the cap are refused, first come first served.
     */
    static final int MAX_SOURCES_PER_OUTLET = 10_000;
    /** Discovered sources per outlet name, and the outlets that reached the cap (both under {@code lock}). */
    private final Map<String, Integer> discoveredSources = new HashMap<>();
    private final Set<String> cappedOutlets = new HashSet<>();

    private void addSource(String url, OutletSpec outlet, String via) {
        lock.lock();
        try {
            if (!sources.containsKey(url)) {
                int ofOutlet = discoveredSources.getOrDefault(outlet.name(), 0);
                if (ofOutlet >= MAX_SOURCES_PER_OUTLET) {
                    if (cappedOutlets.add(outlet.name())) {
                        LOG.warn("outlet {} has {} discovered feeds and sitemaps, the most polled per outlet; {} and "
                                + "later discoveries are not polled", outlet.name(), ofOutlet, url);
                    }
                    registry.counter("rewire.ingest.sources.refused", "outlet", outlet.name()).increment();
                    return;
                }
                discoveredSources.put(outlet.name(), ofOutlet + 1);
                Source s = new Source(url, outlet, Role.DOCUMENT, via);
                s.nextPoll = System.nanoTime();
                sources.put(url, s);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------- fetching

    private void run(Host h, Task t) {
        boolean keepPending = false;
        t.requeued = false;
        try {
            if (!running) {
                t.requeued = true; // abandoned at shutdown: not recorded, fetched again after a restart
                return;
            }
            if (settings.politeness()) {
                if (h.robots == null || System.nanoTime() - h.robotsExpires > 0) {
                    loadRobots(h);
                    requeue(h, t, h.delayNanos); // the robots.txt request counts: wait before the next one
                    return;
                }
                if (!h.robots.isAllowed(t.url)) {
                    robotsDenied.increment();
                    LOG.info("robots.txt of {} disallows {}; not fetched", h.authority, t.url);
                    if (t.source == null) {
                        frontier.add(t.url);
                    } else {
                        t.source.retired = true;
                    }
                    return;
                }
            }
            if (t.source != null) {
                pollSource(t.source);
            } else {
                keepPending = fetchPage(t);
            }
            lock.lock();
            try {
                h.failures = 0;
            } finally {
                lock.unlock();
            }
        } catch (FetchException e) {
            try {
                keepPending = handleFailure(h, t, e);
            } catch (RuntimeException handling) {  // e.g. publishing the failure: never the worker's end
                unexpected(t, handling);
            }
        } catch (RuntimeException e) {
            unexpected(t, e);
        } finally {
            lock.lock();
            try {
                h.inFlight--;
                busy.decrementAndGet();
                h.nextAt = Math.max(h.nextAt, System.nanoTime() + h.delayNanos);
                if (!t.requeued && !keepPending && t.source == null) {
                    pending.remove(t.url);
                }
                changed.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** A publisher failure stops the scraper; anything else is logged and counted, and a source polled again. */
    private void unexpected(Task t, RuntimeException e) {
        if (e instanceof dev.rewire.ingest.publish.PublishException) {
            failure.compareAndSet(null, e);
            running = false;
            LOG.error("the scraper stopped: {}", e.getMessage());
        } else {
            LOG.warn("unexpected error handling {}: {}", t.url, e.toString(), e);
            registry.counter("rewire.ingest.failures", "type", t.source == null ? "page" : "source",
                    "reason", "processing-error").increment();
            if (t.source != null) {
                reschedule(t.source, 0);
            }
        }
    }

    private void requeue(Host h, Task t, long waitNanos) {
        lock.lock();
        try {
            t.requeued = true;
            h.queue.addFirst(t);
            queued.incrementAndGet();
            h.nextAt = Math.max(h.nextAt, System.nanoTime() + waitNanos);
        } finally {
            lock.unlock();
        }
        t.requeued = true;
    }

    /**
     * The body of a robots.txt, without its last line when it was cut at {@link PageFetcher#ROBOTS_BYTES}: a
     * rule cut in the middle ("Disallow: /priv") would say something the site did not.
     */
    static byte[] wholeLines(CappedBody body) {
        byte[] bytes = body.bytes();
        if (!body.truncated()) {
            return bytes;
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    private void loadRobots(Host h) throws FetchException {
        URI uri = URI.create(h.authority + "/robots.txt");
        BaseRobotRules rules;
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser(Long.MAX_VALUE / 4, 5);
        String result;
        try {
            Fetched f = fetcher.fetch(uri, PageFetcher.Kind.ROBOTS, null, null);
            rules = parser.parseContent(uri.toString(), wholeLines(f.body()), f.contentType(), List.of(robotsAgent));
            result = "ok";
        } catch (FetchException e) {
            if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
                rules = parser.failedFetch(e.status()); // no robots.txt: everything allowed
                result = "missing";
            } else if (e.transientFailure()) {
                registry.counter("rewire.ingest.robots.fetches", "result", "retry").increment();
                throw e; // the host backs off; robots.txt is asked for again first
            } else {
                rules = parser.failedFetch(404);
                result = "unusable";
                LOG.info("robots.txt of {} unusable ({}); treating the host as unrestricted", h.authority,
                        e.getMessage());
            }
        }
        registry.counter("rewire.ingest.robots.fetches", "result", result).increment();
        long crawlDelayMs = rules.getCrawlDelay();
        long delay = settings.minDelay().toNanos();
        if (settings.politeness() && crawlDelayMs != BaseRobotRules.UNSET_CRAWL_DELAY && crawlDelayMs > 0) {
            delay = Math.max(delay, Math.min(TimeUnit.MILLISECONDS.toNanos(crawlDelayMs),
                    settings.maxCrawlDelay().toNanos()));
        }
        lock.lock();
        try {
            h.robots = rules;
            h.robotsExpires = System.nanoTime() + settings.robotsTtl().toNanos();
            h.delayNanos = delay;
        } finally {
            lock.unlock();
        }
    }

    /** Fetches an article page; true when its pending mark is released later, by the sink's completion. */
    private boolean fetchPage(Task t) throws FetchException {
        Fetched f = fetcher.fetch(URI.create(t.url), PageFetcher.Kind.PAGE, null, null);
        if (dev.rewire.ingest.content.TextDecoding.looksBinary(f.body().bytes())) {
            throw new FetchException(RejectReason.BINARY_CONTENT, "binary content from " + f.finalUri()
                    + " (control bytes in a " + f.baseType() + " body)");
        }
        String base = f.baseType();
        String contentType = RawArticle.TEXT.equals(base) ? RawArticle.TEXT : RawArticle.HTML;
        String body = f.text();
        String key = t.url;
        if (RawArticle.HTML.equals(contentType)) {
            String canonical = HtmlLinks.canonical(f.finalUri(), body);
            if (canonical != null && !canonical.equals(t.url) && UrlNormaliser.sameSite(canonical, t.url)) {
                if (frontier.contains(canonical)) {
                    duplicates.increment();
                    frontier.add(t.url);
                    return false;
                }
                key = canonical;
            }
        }
        FeedItem hint = t.hint;
        Ingested item = Ingested.article(key, f.finalUri().toString(), outletName(t), f.fetchedAt(), contentType,
                body, t.via, hint == null ? null : hint.publishedAt(), hint == null ? null : hint.title(),
                f.body().truncated());
        publish(item, t.url, key);
        pagesFetched.incrementAndGet();
        return true;
    }

    private void publish(Ingested item, String url, String key) {
        sink.accept(item).whenComplete((ok, error) -> {
            if (error == null) {
                frontier.add(url);
                if (!key.equals(url)) {
                    frontier.add(key);
                }
            }
            lock.lock();
            try {
                pending.remove(url);
            } finally {
                lock.unlock();
            }
        });
    }

    private String outletName(Task t) {
        if (!t.outlet.name().isEmpty()) {
            return t.outlet.name();
        }
        String named = outletOf.apply(t.url);
        return named != null ? named : UrlNormaliser.host(t.url);
    }

    private void pollSource(Source s) throws FetchException {
        Fetched f = fetcher.fetch(URI.create(s.url), PageFetcher.Kind.DOCUMENT, s.etag, s.lastModified);
        if (f.notModified()) {
            reschedule(s, 0);
            return;
        }
        s.etag = f.etag();
        s.lastModified = f.lastModified();
        int fresh;
        try {
            fresh = switch (s.role) {
                case SEED -> discover(s, f);
                case DOCUMENT -> readDocument(s, f);
                case LINKS -> followLinks(s, f);
            };
            s.lastError = null;
        } catch (FeedException e) {
            registry.counter("rewire.ingest.failures", "type", "source", "reason", "unparseable").increment();
            if (!e.getMessage().equals(s.lastError)) {
                LOG.warn("unusable source of outlet {}: {}", s.outlet.name(), e.getMessage());
            }
            s.lastError = e.getMessage();
            fresh = 0;
        }
        reschedule(s, fresh);
    }

    private int discover(Source s, Fetched f) throws FeedException {
        String base = f.baseType();
        boolean html = base == null ? looksLikeHtml(f.body().bytes()) : base.contains("html");
        if (!html) {
            s.role = Role.DOCUMENT;
            return readDocument(s, f);
        }
        List<String> feeds = HtmlLinks.feeds(f.finalUri(), f.text());
        List<String> sitemaps = new ArrayList<>();
        Host host;
        lock.lock();
        try {
            host = host(s.url);
        } finally {
            lock.unlock();
        }
        if (host != null && host.robots == null) {
            try {
                loadRobots(host); // politeness off: robots.txt is still read for its Sitemap lines
            } catch (FetchException e) {
                LOG.info("outlet {}: robots.txt of {} unavailable for sitemap discovery: {}", s.outlet.name(),
                        host.authority, e.getMessage());
            }
        }
        lock.lock();
        try {
            Host h = host;
            if (h != null && h.robots != null) {
                for (String sm : h.robots.getSitemaps()) {
                    String normal = UrlNormaliser.normalise(sm);
                    if (normal != null) {
                        sitemaps.add(normal);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        feeds.forEach(u -> addSource(u, s.outlet, DiscoveredVia.FEED));
        sitemaps.forEach(u -> addSource(u, s.outlet, DiscoveredVia.SITEMAP));
        if (feeds.isEmpty() && sitemaps.isEmpty()) {
            LOG.info("outlet {}: no feed or sitemap found at {}; following its links", s.outlet.name(), s.url);
            s.role = Role.LINKS;
            return followLinks(s, f);
        }
        LOG.info("outlet {}: discovered {} feed(s) {} and {} sitemap(s) {} from {}", s.outlet.name(), feeds.size(),
                feeds, sitemaps.size(), sitemaps, s.url);
        s.retired = true;
        return 0;
    }

    private int readDocument(Source s, Fetched f) throws FeedException {
        Document d = DocumentReader.read(f.finalUri(), f.body().bytes(), f.contentType());
        d.sitemaps().forEach(u -> addSource(u, s.outlet, DiscoveredVia.SITEMAP));
        String via = d.format().contains("sitemap") ? DiscoveredVia.SITEMAP
                : d.format().equals("url-list") ? DiscoveredVia.PAGE : DiscoveredVia.FEED;
        s.via = via;
        long now = System.nanoTime();
        int fresh = 0;
        for (FeedItem item : d.items()) {
            if (enqueuePage(item, s.outlet, via, now)) {
                fresh++;
            }
        }
        registry.counter("rewire.ingest.discovered", "via", via).increment(fresh);
        if (fresh > 200) {
            LOG.info("outlet {}: {} new URLs from {} ({})", s.outlet.name(), fresh, s.url, d.format());
        }
        return fresh;
    }

    private int followLinks(Source s, Fetched f) {
        long now = System.nanoTime();
        int fresh = 0;
        for (String link : HtmlLinks.sameSiteLinks(f.finalUri(), f.text())) {
            String path = URI.create(link).getPath();
            if (link.equals(s.url) || path == null || path.length() <= 1) {
                continue;
            }
            if (enqueuePage(new FeedItem(link, null, null), s.outlet, DiscoveredVia.PAGE, now)) {
                fresh++;
            }
        }
        registry.counter("rewire.ingest.discovered", "via", DiscoveredVia.PAGE).increment(fresh);
        return fresh;
    }

    private void reschedule(Source s, int fresh) {
        Duration base = s.outlet.pollInterval();
        long min = Math.max(1, base.toNanos() / 4);
        long max = Math.max(min, base.toNanos() * 4);
        long next = s.intervalNanos == 0 ? base.toNanos()
                : fresh > 0 ? s.intervalNanos / 2 : (long) (s.intervalNanos * 1.5);
        s.intervalNanos = Math.max(min, Math.min(max, next));
        double jitter = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
        lock.lock();
        try {
            // Polls may use at most half of a host's request budget (robots Crawl-delay, minDelay).
            Host h = hosts.get(s.authority);
            long siblings = sources.values().stream().filter(x -> !x.retired && x.authority.equals(s.authority))
                    .count();
            long floor = h == null ? 0 : 2 * h.delayNanos * Math.max(1, siblings);
            s.intervalNanos = Math.max(s.intervalNanos, floor);
            s.nextPoll = System.nanoTime() + (long) (s.intervalNanos * jitter);
            s.inFlight = false;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Retries a transient failure after the host's back-off, or gives up; true when pending stays marked. */
    private boolean handleFailure(Host h, Task t, FetchException e) {
        String statusClass = e.status() > 0 ? e.status() / 100 + "xx" : "network";
        if (!running) {
            t.requeued = true;
            return false;
        }
        if (e.transientFailure()) {
            long wait;
            lock.lock();
            try {
                h.failures++;
                if (e.retryAfter() != null) {
                    // compared as durations: a Retry-After of centuries has no nanosecond count
                    wait = (e.retryAfter().compareTo(settings.maxBackoff()) < 0 ? e.retryAfter()
                            : settings.maxBackoff()).toNanos();
                } else {
                    long exp = settings.initialBackoff().toNanos() << Math.min(20, h.failures - 1);
                    long capped = Math.min(settings.maxBackoff().toNanos(), exp);
                    wait = capped / 2 + (long) (ThreadLocalRandom.current().nextDouble() * (capped / 2.0));
                }
                h.backoffUntil = System.nanoTime() + wait;
                h.nextAt = Math.max(h.nextAt, h.backoffUntil);
                registerBackoffGauge(h);
            } finally {
                lock.unlock();
            }
            if (t.attempts + 1 < settings.maxAttempts()) {
                t.attempts++;
                registry.counter("rewire.ingest.retries", "status", statusClass).increment();
                LOG.debug("{} failed ({}); host {} paused {} ms, attempt {} of {}", t.url, e.getMessage(),
                        h.authority, TimeUnit.NANOSECONDS.toMillis(wait), t.attempts + 1, settings.maxAttempts());
                requeue(h, t, 0);
                return false;
            }
        }
        String reason = e instanceof dev.rewire.ingest.fetch.BlockedAddressException ? "refused"
                : e.status() > 0 ? "http-" + statusClass : e.reason().code().toString().toLowerCase(Locale.ROOT);
        registry.counter("rewire.ingest.failures", "type", t.source == null ? "page" : "source", "reason", reason)
                .increment();
        if (t.source != null) {
            if (!e.getMessage().equals(t.source.lastError)) {
                LOG.warn("cannot fetch source {} of outlet {} [{}]: {}", t.url, t.source.outlet.name(), reason,
                        e.getMessage());
            }
            t.source.lastError = e.getMessage();
            if (t.source.role == Role.SEED && e instanceof dev.rewire.ingest.fetch.BlockedAddressException) {
                t.source.retired = true;
                lock.lock();
                try {
                    t.source.inFlight = false;
                } finally {
                    lock.unlock();
                }
            } else {
                reschedule(t.source, 0);
            }
            return false;
        }
        pagesFailed.incrementAndGet();
        LOG.warn("fetch failed [{}] {} (after {} attempt(s))", reason, e.getMessage(), t.attempts + 1);
        publish(Ingested.failure(e.reason(), e.getMessage(), t.url, t.url, outletName(t), t.via, null, 0), t.url,
                t.url);
        return true;
    }

    private void registerBackoffGauge(Host h) {
        if (!h.gauge) {
            h.gauge = true;
            Gauge.builder("rewire.ingest.host.backoff", h, x -> Math.max(0,
                            (x.backoffUntil - System.nanoTime()) / 1e9))
                    .baseUnit("seconds").tag("host", h.authority)
                    .description("Seconds until a backed-off host is asked again").register(registry);
        }
    }

    private static boolean looksLikeHtml(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        return head.contains("<html") || head.contains("<!doctype html");
    }

    static String robotsToken(String userAgent) {
        String ua = userAgent == null ? "" : userAgent.strip();
        int end = 0;
        while (end < ua.length() && (Character.isLetterOrDigit(ua.charAt(end)) || ua.charAt(end) == '-'
                || ua.charAt(end) == '_')) {
            end++;
        }
        return end == 0 ? "rewirebot" : ua.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** Stops polling; in-flight fetches get a grace period, then are abandoned. Flushes the frontier. */
    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            dispatcher.join(SHUTDOWN_GRACE.toMillis());
            workers.shutdown();
            if (!workers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
                if (!workers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("some fetches did not stop within {}", SHUTDOWN_GRACE);
                }
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        frontier.flush();
    }

    // ---------------------------------------------------------------------------------------- state

    /** Per-host politeness state; guarded by the scraper's lock. */
    private static final class Host {
        final String authority;
        final ArrayDeque<Task> queue = new ArrayDeque<>();
        long delayNanos;
        int inFlight;
        long nextAt = System.nanoTime();
        long backoffUntil = System.nanoTime();
        int failures;
        volatile BaseRobotRules robots;
        volatile long robotsExpires;
        boolean gauge;
        boolean lastWasSource;

        Host(String authority, long delayNanos) {
            this.authority = authority;
            this.delayNanos = delayNanos;
        }
    }

    /** A feed, sitemap, list or page polled over time. */
    private static final class Source {
        final String url;
        final String authority;
        final OutletSpec outlet;
        volatile Role role;
        volatile String via;
        volatile String etag;
        volatile String lastModified;
        volatile String lastError;
        long intervalNanos;
        long nextPoll;
        volatile boolean inFlight;
        volatile boolean retired;

        Source(String url, OutletSpec outlet, Role role, String via) {
            this.url = url;
            this.authority = String.valueOf(UrlNormaliser.authority(url));
            this.outlet = outlet;
            this.role = role;
            this.via = via;
        }
    }

    /** One URL to fetch: an article page, or a source poll. */
    private static final class Task {
        final String url;
        final OutletSpec outlet;
        final Source source;
        volatile FeedItem hint;
        final String via;
        final long enqueuedAt;
        int attempts;
        volatile boolean requeued;

        Task(String url, OutletSpec outlet, Source source, FeedItem hint, String via, long enqueuedAt) {
            this.url = url;
            this.outlet = outlet;
            this.source = source;
            this.hint = hint;
            this.via = via;
            this.enqueuedAt = enqueuedAt;
        }
    }
}
