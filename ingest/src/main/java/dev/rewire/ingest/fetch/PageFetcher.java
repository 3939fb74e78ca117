package dev.rewire.ingest.fetch;

import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.content.CappedBody;
import dev.rewire.ingest.content.TextDecoding;
import dev.rewire.ingest.content.Urls;
import dev.rewire.ingest.source.Ingested;
import dev.rewire.model.ArticleIds;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A safe fetcher of single pages and documents; the {@link dev.rewire.ingest.scrape.Scraper} adds robots.txt,
 * per-host politeness, retries and scheduling on top of it.
 *
 * <p>Safety rules: only {@code http}/{@code https}; every hop (the first request and each redirect) checked by
 * an {@link AddressGuard} ({@code ingest.allowPrivateNetworks}); redirects followed by hand, at most
 * {@code ingest.maxRedirects} (default 5), loops detected; connect time-out {@code ingest.connectTimeout}, and
 * {@code ingest.requestTimeout} bounding the whole fetch, every redirect hop with its DNS look-up, headers
 * and body; at most
 * {@code ingest.maxBodyBytes} of a page's body kept, before and after gzip/deflate decoding (more: cut, marked
 * truncated, so a gzip bomb costs nothing), and {@code ingest.maxDocumentBytes} of a feed's or sitemap's (more:
 * a failure, since a cut document cannot be parsed); user agent {@code ingest.userAgent}. Only HTTP 200 with an HTML or
 * plain-text content type (or none) becomes an article; anything else is a failure with a clear message.
 * Thread-safe; one instance shares one HTTP client.
 *
 * <p>Documents (feeds and sitemaps, {@link Kind#DOCUMENT}; robots.txt, {@link Kind#ROBOTS}) may have any
 * textual or XML/JSON/gzip content type, and conditional requests ({@code If-None-Match} / {@code If-Modified-Since}) whose 304 answer
 * comes back as a {@link Fetched#notModified()} response with an empty body. A 429 or 503 carries the server's
 * {@code Retry-After} in the {@link FetchException}.
 *
 * <p>Metrics: {@code rewire.ingest.fetch.requests} (tags {@code outcome}: ok, not-modified, http-error, refused,
 * timeout, unsupported-type, too-large, error; {@code status}: 2xx, 3xx, 4xx, 5xx or none; {@code kind}: page,
 * document or robots), {@code rewire.ingest.fetch.duration} (histogram), {@code rewire.ingest.fetch.bytes} (body bytes
 * kept), {@code rewire.ingest.fetch.truncated}.
 */
public final class PageFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(PageFetcher.class);
    /** A sitemap holds at most 50 MB (sitemaps.org); a feed is far smaller. */
    static final long DEFAULT_MAX_DOCUMENT_BYTES = 50L * 1024 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1";
    private static final String ACCEPT_DOCUMENT = "application/rss+xml,application/atom+xml,application/feed+json,"
            + "application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,text/plain;q=0.8,*/*;q=0.1";

    /**
     * What is being fetched: an article page (HTML or text only, cut at {@code ingest.maxBodyBytes}), a
     * document (feed or sitemap, any textual type, at most {@code ingest.maxDocumentBytes}: beyond, a failure,
     * since a cut document cannot be parsed) or a robots.txt (textual, cut at {@value #ROBOTS_BYTES} bytes:
     * RFC 9309 asks crawlers to parse at least 500 KiB, and a prefix of the rules is still rules).
     */
    public enum Kind { PAGE, DOCUMENT, ROBOTS }

    /** The part of a robots.txt that is read (RFC 9309 section 2.5: at least 500 KiB). */
    public static final int ROBOTS_BYTES = 512 * 1024;

    private final HttpClient client;
    private final AddressGuard guard;
    private final Duration requestTimeout;
    private final String userAgent;
    private final long maxBodyBytes;
    private final long maxDocumentBytes;
    private final int maxRedirects;
    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter truncated;
    private final io.micrometer.core.instrument.DistributionSummary bytes;

    /** A fetcher configured by the {@code ingest.*} keys, with the guard of {@code ingest.allowPrivateNetworks}. */
    public PageFetcher(RewireConfig cfg, MeterRegistry registry) {
        this(cfg, registry, AddressGuard.fromConfig(cfg));
    }

    /** A fetcher configured by the {@code ingest.*} keys, with the given guard (for example with a test resolver). */
    public PageFetcher(RewireConfig cfg, MeterRegistry registry, AddressGuard guard) {
        this.guard = guard;
        this.requestTimeout = cfg.getDuration("ingest.requestTimeout");
        this.userAgent = cfg.getString("ingest.userAgent");
        this.maxBodyBytes = Math.min(cfg.getBytes("ingest.maxBodyBytes"), CappedBody.MAX_CAP);
        this.maxDocumentBytes = cfg.isSet("ingest.maxDocumentBytes")
                ? Math.min(cfg.getBytes("ingest.maxDocumentBytes"), CappedBody.MAX_CAP) : DEFAULT_MAX_DOCUMENT_BYTES;
        this.maxRedirects = cfg.isSet("ingest.maxRedirects") ? cfg.getInt("ingest.maxRedirects") : 5;
        this.registry = registry;
        this.client = HttpClient.newBuilder()
                .connectTimeout(cfg.getDuration("ingest.connectTimeout"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.duration = Timer.builder("rewire.ingest.fetch.duration")
                .description("Time to fetch one page or document, redirects included")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        this.bytes = io.micrometer.core.instrument.DistributionSummary.builder("rewire.ingest.fetch.bytes")
                .baseUnit("bytes").description("Body bytes kept per successful fetch").register(registry);
        this.truncated = Counter.builder("rewire.ingest.fetch.truncated")
                .description("Fetched bodies cut at their cap (pages: ingest.maxBodyBytes; robots.txt: 512 KiB)").register(registry);
    }

    /**
     * Fetches {@code url} as an article: an {@link Ingested.Article} (url = {@code url}, finalUrl = after
     * redirects, fetchedAt = now) or an {@link Ingested.Failure} saying why not (logged once, here). Never throws.
     *
     * @param outlet        the outlet; null means the URL's host
     * @param discoveredVia how the URL was found ({@code page}, {@code feed}, …)
     */
    public Ingested fetchArticle(String url, String outlet, String discoveredVia) {
        String theOutlet = outlet == null || outlet.isBlank() ? Urls.defaultOutlet(url) : outlet;
        try {
            Fetched page = fetch(parse(url));
            String base = page.baseType();
            String contentType = RawArticle.TEXT.equals(base) ? RawArticle.TEXT : RawArticle.HTML;
            return Ingested.article(url, page.finalUri().toString(), theOutlet, page.fetchedAt(), contentType,
                    page.text(), discoveredVia, null, null, page.body().truncated());
        } catch (FetchException e) {
            LOG.warn("fetch failed [{}] {}", e.reason().code(), e.getMessage());
            return Ingested.failure(e.reason(), e.getMessage(), url, url, theOutlet, discoveredVia, null, 0);
        }
    }

    /**
     * Fetches {@code uri}, following redirects, and returns the HTTP 200 response.
     *
     * @throws BlockedAddressException when a hop is refused by the guard
     * @throws FetchException          on any other failure (status, time-out, network, content type)
     */
    public Fetched fetch(URI uri) throws FetchException {
        return fetch(uri, Kind.PAGE, null, null);
    }

    /**
     * Fetches {@code uri} as {@code kind}, following redirects; with validators from an earlier response the
     * request is conditional and an unchanged document comes back as a 304 {@link Fetched} with an empty body.
     *
     * @param etag         the {@code ETag} of the copy held, or null
     * @param lastModified the {@code Last-Modified} of the copy held, or null
     * @throws BlockedAddressException when a hop is refused by the guard
     * @throws FetchException          on any other failure (status, time-out, network, content type)
     */
    public Fetched fetch(URI uri, Kind kind, String etag, String lastModified) throws FetchException {
        long start = System.nanoTime();
        String outcome = "error";
        String statusClass = "none";
        try {
            Fetched fetched = fetchFollowing(uri, kind, etag, lastModified);
            statusClass = fetched.status() / 100 + "xx";
            if (fetched.notModified()) {
                outcome = "not-modified";
                return fetched;
            }
            if (fetched.body().truncated() && kind == Kind.DOCUMENT) {
                // a cut feed or sitemap cannot be parsed: say why, not a parse error
                throw new FetchException(RejectReason.TOO_LARGE, uri + ": a document of more than "
                        + maxDocumentBytes + " bytes (ingest.maxDocumentBytes)", fetched.status(), null);
            }
            bytes.record(fetched.body().length());
            if (fetched.body().truncated()) {
                truncated.increment();
                LOG.info("{}: body cut at {} bytes{}", uri, cap(kind), kind == Kind.PAGE ? " (ingest.maxBodyBytes)" : "");
            }
            outcome = "ok";
            return fetched;
        } catch (BlockedAddressException e) {
            outcome = "refused";
            throw e;
        } catch (FetchException e) {
            statusClass = e.status() > 0 ? e.status() / 100 + "xx" : "none";
            outcome = e.reason() == RejectReason.TOO_LARGE ? "too-large" : e.status() > 0 ? "http-error"
                    : e.getCause() instanceof HttpTimeoutException || e.getCause() instanceof TimeoutException
                    ? "timeout" : e.reason() == RejectReason.BINARY_CONTENT ? "unsupported-type" : "error";
            throw e;
        } finally {
            duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            registry.counter("rewire.ingest.fetch.requests", "outcome", outcome, "status", statusClass,
                    "kind", kind.name().toLowerCase(Locale.ROOT)).increment();
        }
    }

    private Fetched fetchFollowing(URI start, Kind kind, String etag, String lastModified) throws FetchException {
        URI current = start;
        Set<String> visited = new HashSet<>();
        visited.add(ArticleIds.normalise(current.toString()));
        // One deadline for the whole fetch: each redirect hop gets what is left of ingest.requestTimeout, so
        // a server answering every hop slowly cannot multiply the time by the number of redirects.
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        for (int redirects = 0; ; redirects++) {
            guard.check(current, Duration.ofNanos(timeLeft(deadline, start, redirects)));
            long left = timeLeft(deadline, start, redirects);
            HttpResponse<CappedBody> response = exchange(current, kind, etag, lastModified, Duration.ofNanos(left));
            int status = response.statusCode();
            if (REDIRECTS.contains(status)) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null || location.isBlank()) {
                    throw new FetchException(RejectReason.UNREADABLE_INPUT, "HTTP " + status + " from " + current
                            + " without a Location header", status, null);
                }
                URI next;
                try {
                    next = current.resolve(new URI(location.trim()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new FetchException(RejectReason.UNREADABLE_INPUT, "HTTP " + status + " from " + current
                            + " redirects to an invalid URL '" + location + "'", status, e);
                }
                if (redirects >= maxRedirects) {
                    throw new FetchException(RejectReason.UNREADABLE_INPUT, "too many redirects fetching " + start
                            + " (more than " + maxRedirects + ", last to " + next + ")", status, null);
                }
                if (!visited.add(ArticleIds.normalise(next.toString()))) {
                    throw new FetchException(RejectReason.UNREADABLE_INPUT, "redirect loop fetching " + start
                            + ": " + current + " redirects back to " + next, status, null);
                }
                current = next;
                continue;
            }
            HttpHeaders headers = response.headers();
            if (status == 304 && (etag != null || lastModified != null)) {
                return new Fetched(start, current, null, new CappedBody(new byte[0], false), Instant.now(), 304,
                        headers.firstValue("ETag").orElse(etag),
                        headers.firstValue("Last-Modified").orElse(lastModified));
            }
            if (status != 200) {
                throw new FetchException(RejectReason.UNREADABLE_INPUT, "HTTP " + status + " from " + current, status,
                        null, status == 429 || status == 503
                        ? RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), Instant.now()) : null);
            }
            String contentType = headers.firstValue("Content-Type").orElse(null);
            String base = TextDecoding.baseType(contentType);
            if (kind == Kind.PAGE && base != null && !TextDecoding.isHtml(base) && !RawArticle.TEXT.equals(base)) {
                throw new FetchException(RejectReason.BINARY_CONTENT, "unsupported content type " + base + " from "
                        + current + " (only HTML and plain text are ingested)");
            }
            if (kind != Kind.PAGE && base != null && (base.startsWith("image/") || base.startsWith("audio/")
                    || base.startsWith("video/") || base.startsWith("font/"))) {
                throw new FetchException(RejectReason.BINARY_CONTENT, "unsupported content type " + base + " from "
                        + current + " (expected a feed, sitemap or text)");
            }
            CappedBody body = decodeContent(current, headers, response.body(), cap(kind));
            return new Fetched(start, current, contentType, body, Instant.now(), 200,
                    headers.firstValue("ETag").orElse(null), headers.firstValue("Last-Modified").orElse(null));
        }
    }

    /** Nanoseconds left before {@code deadline}; none left is a time-out failure. */
    private long timeLeft(long deadline, URI start, int redirects) throws FetchException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "timed out after "
                    + requestTimeout.toMillis() + " ms fetching " + start + " (ingest.requestTimeout, "
                    + redirects + " redirects followed)", -1, new TimeoutException());
        }
        return left;
    }

    private HttpResponse<CappedBody> exchange(URI uri, Kind kind, String etag, String lastModified, Duration timeout)
            throws FetchException {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(timeout)
                    .header("User-Agent", userAgent)
                    .header("Accept", kind == Kind.PAGE ? ACCEPT : ACCEPT_DOCUMENT)
                    .header("Accept-Encoding", "gzip, deflate");
            if (etag != null) {
                builder.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                builder.header("If-Modified-Since", lastModified);
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "cannot fetch " + uri + ": " + e.getMessage(),
                    -1, e);
        }
        // Only a 200 body is kept; any other body is dropped at its first byte (cap 0), so a redirect or error
        // response with an endless body cannot hold the exchange open.
        CompletableFuture<HttpResponse<CappedBody>> future = client.sendAsync(request, info ->
                new CappedSubscriber(info.statusCode() == 200 ? cap(kind) : 0));
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "timed out after " + requestTimeout.toMillis()
                    + " ms fetching " + uri + " (ingest.requestTimeout)", -1, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "interrupted while fetching " + uri, -1, e);
        } catch (CancellationException e) {
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "fetch of " + uri + " was cancelled", -1, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String what = cause instanceof HttpConnectTimeoutException ? "connect timed out (ingest.connectTimeout)"
                    : cause instanceof HttpTimeoutException ? "timed out (ingest.requestTimeout)"
                    : cause instanceof ConnectException ? "connection refused or unreachable"
                    : cause.toString();
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "cannot fetch " + uri + ": " + what, -1, cause);
        }
    }

    /** The most body bytes kept for {@code kind}. */
    private long cap(Kind kind) {
        return switch (kind) {
            case PAGE -> maxBodyBytes;
            case DOCUMENT -> maxDocumentBytes;
            case ROBOTS -> ROBOTS_BYTES;
        };
    }

    private CappedBody decodeContent(URI uri, HttpHeaders headers, CappedBody raw, long cap) throws FetchException {
        List<String> encodings = headers.allValues("Content-Encoding");
        if (encodings.isEmpty()) {
            return raw;
        }
        if (encodings.size() > 1 || encodings.get(0).contains(",")) {
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "cannot decode the body of " + uri
                    + ": multiple Content-Encodings " + encodings + " are not supported");
        }
        String encoding = encodings.get(0).trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return raw;
        }
        try {
            return CappedBody.decode(new ByteArrayInputStream(raw.bytes()), encoding, cap, raw.truncated());
        } catch (IOException e) {
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "cannot decode the " + encoding + " body of " + uri
                    + ": " + e.getMessage(), -1, e);
        }
    }

    private static URI parse(String url) throws FetchException {
        try {
            URI uri = new URI(url == null ? "" : url.trim());
            if (!uri.isAbsolute()) {
                throw new FetchException(RejectReason.MALFORMED_RECORD, "cannot fetch '" + url
                        + "': not an absolute URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new FetchException(RejectReason.MALFORMED_RECORD, "cannot fetch '" + url + "': not a valid URL ("
                    + e.getMessage() + ")", -1, e);
        }
    }

    /** Collects a response body up to a cap, then cancels the transfer. */
    private static final class CappedSubscriber implements HttpResponse.BodySubscriber<CappedBody> {
        private final int cap;
        private final CompletableFuture<CappedBody> result = new CompletableFuture<>();
        private final AtomicBoolean done = new AtomicBoolean();
        private byte[] bytes = new byte[8192];
        private int size;
        private Flow.Subscription subscription;

        CappedSubscriber(long cap) {
            this.cap = (int) Math.min(cap, CappedBody.MAX_CAP);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (done.get()) {
                return;
            }
            for (ByteBuffer item : items) {
                int room = cap - size;
                int take = Math.min(room, item.remaining());
                if (take > 0) {
                    ensure(size + take);
                    item.get(bytes, size, take);
                    size += take;
                }
                if (item.hasRemaining()) {
                    finish(true);
                    subscription.cancel();
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            if (done.compareAndSet(false, true)) {
                result.completeExceptionally(throwable);
            }
        }

        @Override
        public void onComplete() {
            finish(false);
        }

        @Override
        public CompletionStage<CappedBody> getBody() {
            return result;
        }

        private void finish(boolean truncated) {
            if (done.compareAndSet(false, true)) {
                result.complete(new CappedBody(java.util.Arrays.copyOf(bytes, size), truncated));
            }
        }

        private void ensure(int needed) {
            if (needed > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(Math.max((long) bytes.length * 2, needed),
                        cap));
            }
        }
    }
}
