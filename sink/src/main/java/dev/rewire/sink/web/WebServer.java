package dev.rewire.sink.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rewire.model.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newsroom feed API and the dashboard, on the JDK's HTTP server, reading the PostgreSQL read model.
 *
 * <pre>
 * GET /                       the dashboard (static, bundled: no CDN)       #/ stories · #/story/ID · #/outlets
 * GET /feed.json              JSON Feed 1.1 of stories   ?outlet= &amp;language= &amp;since= &amp;minOutlets= &amp;limit= &amp;cursor=
 * GET /feed.atom              Atom of stories            (same parameters)
 * GET /api/stories            stories for the dashboard  (same parameters, plus sort=rank|recent)
 * GET /api/stories/ID         a story with its members
 * GET /api/outlets            outlet totals, who-follows-whom edges, hourly activity
 * GET /api/stream             server-sent events: "story" for every new or updated story (Last-Event-ID resumes)
 * </pre>
 *
 * <p>Security, by construction: only GET and HEAD; every response has a strict Content-Security-Policy
 * (scripts, styles and connections from this origin only, no inline code), {@code nosniff}, no framing
 * and no referrer; bound to {@code web.host} (loopback by default) and, while bound to loopback, requests
 * naming another host are refused (DNS rebinding); an optional access token ({@code web.accessToken}).
 * Every value reaches SQL as a bind parameter and leaves as JSON (Jackson) or XML (StAX).
 *
 * <p>Metrics: {@code rewire.web.requests} (tags {@code route}, {@code status}) and {@code rewire.web.latency}
 * (tag {@code route}). Thread-safe; {@link #close()} stops the server and its live streams.
 */
public final class WebServer implements AutoCloseable {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String TOKEN_COOKIE = "rewire_token";
    private static final Pattern STORY_PATH = Pattern.compile("/api/stories/([A-Za-z0-9._:-]{1,200})");
    private static final Pattern SINCE_RELATIVE = Pattern.compile("(\\d{1,9})([smhd])");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");
    /** The instants PostgreSQL's timestamptz and the feeds' ISO-8601 years hold: anything else is a 400. */
    private static final Instant EARLIEST_SINCE = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST_SINCE = Instant.parse("9999-12-31T23:59:59Z");
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Map<String, String> ASSETS = Map.of(
            "/", "index.html",
            "/assets/app.js", "app.js",
            "/assets/app.css", "app.css",
            "/favicon.svg", "favicon.svg");
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final WebConfig config;
    private final ReadModel readModel;
    private final MeterRegistry registry;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final Semaphore streams;
    private final boolean loopback;
    private final Map<String, byte[]> assets = new LinkedHashMap<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private volatile boolean stopping;

    private WebServer(WebConfig config, DataSource dataSource, MeterRegistry registry) throws IOException {
        this.config = config;
        this.readModel = new ReadModel(dataSource, config.dbConnections(), config.cacheFor());
        this.registry = registry;
        this.streams = new Semaphore(config.maxStreams());
        for (String file : ASSETS.values()) {
            try (InputStream in = WebServer.class.getResourceAsStream("/web/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("dashboard asset web/" + file + " is missing from the classpath");
                }
                assets.put(file, in.readAllBytes());
            }
        }
        InetAddress address = InetAddress.getByName(config.host());
        this.loopback = address.isLoopbackAddress();
        this.server = HttpServer.create(new InetSocketAddress(address, config.port()), 100);
        this.executor = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1000), r -> {
                    Thread t = new Thread(r, "rewire-web");
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        registry.gauge("rewire.web.streams", openStreams);
    }

    /** Starts serving; fails when the port is taken. */
    public static WebServer start(WebConfig config, DataSource dataSource, MeterRegistry registry) {
        try {
            WebServer s = new WebServer(config, dataSource, registry);
            s.server.start();
            log.info("web: dashboard and feeds at {}", s.uri());
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the dashboard on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The base URI ({@code http://host:port/}), with the real port when 0 was configured. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /**
     * The dashboard's address to print or log: {@link #uri()}, and when an access token is required, the
     * {@code ?token=} parameter with a placeholder instead of the token (printed output ends up in logs).
     */
    public String printableDashboardUri() {
        return config.accessToken() == null ? uri().toString() : uri() + "?token=<web.accessToken>";
    }

    /** The dashboard's URI, with the access token when one is configured (to open once in a browser); never print it. */
    public URI dashboardUri() {
        return config.accessToken() == null ? uri()
                : uri().resolve("/?token=" + URLEncoder.encode(config.accessToken(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        stopping = true;
        server.stop(1);
        executor.shutdownNow();
        readModel.close();
    }

    // -------------------------------------------------------------------------------------- dispatching

    private void handle(HttpExchange ex) throws IOException {
        long t0 = System.nanoTime();
        String route = "not_found";
        int status = 500;
        try {
            String path = ex.getRequestURI().getRawPath();
            route = route(path);
            status = serve(ex, route, path);
        } catch (BadRequest e) {
            status = sendJson(ex, 400, Map.of("error", e.getMessage()));
        } catch (IOException e) {
            status = 499; // the client went away
        } catch (Exception e) {
            log.warn("web: {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e.toString());
            try {
                status = sendJson(ex, 500, Map.of("error", "internal error"));
            } catch (IOException ignored) {
                status = 499;
            }
        } finally {
            ex.close();
            Counter.builder("rewire.web.requests").tag("route", route).tag("status", Integer.toString(status))
                    .description("HTTP requests served by the feed API and the dashboard").register(registry)
                    .increment();
            Timer.builder("rewire.web.latency").tag("route", route).description("Time to serve one request")
                    .register(registry).record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    private static String route(String path) {
        if (ASSETS.containsKey(path)) {
            return path.equals("/") ? "dashboard" : "asset";
        }
        return switch (path) {
            case "/feed.json" -> "feed_json";
            case "/feed.atom" -> "feed_atom";
            case "/api/stories" -> "api_stories";
            case "/api/outlets" -> "api_outlets";
            case "/api/stream" -> "api_stream";
            default -> STORY_PATH.matcher(path).matches() ? "api_story" : "not_found";
        };
    }

    private int serve(HttpExchange ex, String route, String path) throws IOException, SQLException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            h.set("Allow", "GET, HEAD");
            return sendJson(ex, 405, Map.of("error", "method not allowed"));
        }
        if (loopback && !loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
            return sendJson(ex, 421, Map.of("error", "this server answers to localhost only"));
        }
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        if (config.accessToken() != null) {
            String token = presentedToken(ex, q);
            if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    config.accessToken().getBytes(StandardCharsets.UTF_8))) {
                h.set("WWW-Authenticate", "Bearer realm=\"rewire\"");
                return sendJson(ex, 401, Map.of("error", "an access token is required (web.accessToken)"));
            }
            if (q.containsKey("token") && route.equals("dashboard")) {
                // Keep the token out of the address bar, history and logs from here on.
                h.add("Set-Cookie", TOKEN_COOKIE + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "; Path=/; HttpOnly; SameSite=Lax");
                h.set("Location", "/");
                ex.sendResponseHeaders(303, -1);
                return 303;
            }
        }
        return switch (route) {
            case "dashboard", "asset" -> sendAsset(ex, ASSETS.get(path));
            case "feed_json" -> {
                StoryQuery sq = storyQuery(q, false);
                URI self = absolute(ex, "/feed.json", q, null);
                if (notModified(ex, q, self)) {
                    yield 304;
                }
                StoryPage page = readModel.stories(sq, true);
                URI next = page.nextBefore() == 0 ? null : absolute(ex, "/feed.json", q, cursor(page.nextBefore()));
                setFeedValidator(ex, q, self, page);
                yield send(ex, 200, "application/feed+json; charset=utf-8",
                        Json.mapper().writeValueAsBytes(Feeds.jsonFeed(page, self, next, absolute(ex, "/", Map.of(), null))));
            }
            case "feed_atom" -> {
                StoryQuery sq = storyQuery(q, false);
                URI self = absolute(ex, "/feed.atom", q, null);
                if (notModified(ex, q, self)) {
                    yield 304;
                }
                StoryPage page = readModel.stories(sq, true);
                URI next = page.nextBefore() == 0 ? null : absolute(ex, "/feed.atom", q, cursor(page.nextBefore()));
                String xml = Feeds.atom(page, self, next, absolute(ex, "/", Map.of(), null),
                        absolute(ex, "/feed.json", q, null));
                setFeedValidator(ex, q, self, page);
                yield send(ex, 200, "application/atom+xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
            }
            case "api_stories" -> {
                boolean ranked = !"recent".equals(q.getOrDefault("sort", "rank"));
                StoryPage page = readModel.stories(storyQuery(q, ranked), false);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("stories", page.stories());
                body.put("nextCursor", page.nextBefore() == 0 ? null : cursor(page.nextBefore()));
                body.put("latestSeq", page.asOfSeq());  // the page holds every change up to it
                body.put("cacheMillis", config.cacheFor().toMillis());
                yield sendJson(ex, 200, body);
            }
            case "api_story" -> {
                var m = STORY_PATH.matcher(path);
                m.matches();
                Optional<StoryDetail> detail = readModel.story(m.group(1));
                yield detail.isPresent() ? sendJson(ex, 200, detail.get())
                        : sendJson(ex, 404, Map.of("error", "no such story"));
            }
            case "api_outlets" -> sendJson(ex, 200, readModel.outlets());
            case "api_stream" -> stream(ex, q);
            default -> sendJson(ex, 404, Map.of("error", "not found"));
        };
    }

    // ----------------------------------------------------------------------------------- live stream

    private int stream(HttpExchange ex, Map<String, String> q) throws IOException, SQLException {
        if (!streams.tryAcquire()) {
            ex.getResponseHeaders().set("Retry-After", "10");
            return sendJson(ex, 503, Map.of("error", "too many live streams (web.maxStreams)"));
        }
        openStreams.incrementAndGet();
        try {
            String lastId = ex.getRequestHeaders().getFirst("Last-Event-ID");
            if (lastId == null) {
                lastId = q.get("after");
            }
            long latest = readModel.latestSeq();
            // A client ahead of the server (its Last-Event-ID from before the database was recreated) would hear
            // nothing until seq caught up: it resumes from the latest change instead.
            long after = lastId == null ? latest : Math.min(parseLong(lastId, "Last-Event-ID"), latest);
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("X-Accel-Buffering", "no");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(("retry: 3000\n: stream of story changes after " + after + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            long lastWrite = System.nanoTime();
            while (!stopping) {
                List<StorySummary> changed = readModel.changedSince(after, 100);
                for (StorySummary s : changed) {
                    // JSON has no raw newlines, so one data line per event is safe.
                    String event = "id: " + s.seq() + "\nevent: story\ndata: " + Json.write(s) + "\n\n";
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                    after = s.seq();
                }
                if (!changed.isEmpty()) {
                    out.flush();
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite > HEARTBEAT.toNanos()) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                if (changed.size() < 100) {
                    try {
                        Thread.sleep(config.streamInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            return 200;
        } finally {
            openStreams.decrementAndGet();
            streams.release();
        }
    }

    // --------------------------------------------------------------------------------------- helpers

    private StoryQuery storyQuery(Map<String, String> q, boolean ranked) {
        long asked = q.containsKey("limit") ? parseLong(q.get("limit"), "limit") : config.pageSize();
        if (asked < 1 || asked > config.maxPageSize()) {  // checked before narrowing: 2^32 + 1 is not 1
            throw new BadRequest("limit must be between 1 and " + config.maxPageSize());
        }
        int limit = (int) asked;
        int minOutlets = q.containsKey("minOutlets")
                ? (int) Math.min(Integer.MAX_VALUE, parseLong(q.get("minOutlets"), "minOutlets")) : 0;
        long before = 0;
        if (q.containsKey("cursor")) {
            try {
                before = Long.parseLong(q.get("cursor"), 36);
            } catch (NumberFormatException e) {
                throw new BadRequest("cursor is not one this server gave out");
            }
        }
        return new StoryQuery(blankToNull(q.get("outlet")), blankToNull(q.get("language")), since(q.get("since")),
                Math.max(0, minOutlets), before, limit, ranked);
    }

    static Instant since(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var m = SINCE_RELATIVE.matcher(value.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return inRange(Instant.now().minus(d));
        }
        try {
            return inRange(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw new BadRequest("since must be an ISO-8601 instant (2026-01-31T12:00:00Z) or an age like 24h or 7d");
        }
    }

    private static Instant inRange(Instant since) {
        if (since.isBefore(EARLIEST_SINCE) || since.isAfter(LATEST_SINCE)) {
            throw new BadRequest("since must lie between the years 1 and 9999");
        }
        return since;
    }

    private static String cursor(long before) {
        return Long.toString(before, 36);
    }

    private static long parseLong(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private String presentedToken(HttpExchange ex, Map<String, String> q) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        if (q.containsKey("token")) {
            return q.get("token");
        }
        List<String> cookies = ex.getRequestHeaders().get("Cookie");
        if (cookies != null) {
            for (String header : cookies) {
                for (String part : header.split(";")) {
                    String p = part.trim();
                    if (p.startsWith(TOKEN_COOKIE + "=")) {
                        try {
                            return URLDecoder.decode(p.substring(TOKEN_COOKIE.length() + 1), StandardCharsets.UTF_8);
                        } catch (IllegalArgumentException e) {
                            return null;  // a malformed escape: no token presented, so 401, not 500
                        }
                    }
                }
            }
        }
        return null;
    }

    static boolean loopbackHost(String host) {
        if (host == null) {
            return true; // HTTP/1.0 clients; nothing to rebind
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(1, end);
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        // An IPv4 loopback literal, not any name that starts with "127." (127.attacker.example can rebind).
        return h.equals("localhost") || h.equals("::1") || LOOPBACK_V4.matcher(h).matches() || h.endsWith(".localhost");
    }

    private URI absolute(HttpExchange ex, String path, Map<String, String> params, String cursor) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || !host.matches("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?")) {
            host = uri().getRawAuthority();
        }
        // Behind a proxy that ends TLS the request came in as https: links must say so (a feed reader
        // following an http:// next page would send a ?token= in clear).
        String proto = ex.getRequestHeaders().getFirst("X-Forwarded-Proto");
        String scheme = proto != null && proto.trim().equalsIgnoreCase("https") ? "https://" : "http://";
        StringBuilder b = new StringBuilder(scheme).append(host).append(path);
        // A token that came in the query stays in the links built from it (next page, self, feed_url): clients
        // that page with ?token= (feed readers cannot send headers) would get 401 on page 2. One that came as
        // a header or cookie is not in the query, so it never appears in a link.
        Map<String, String> p = new LinkedHashMap<>(params);
        p.remove("cursor");
        if (cursor != null) {
            p.put("cursor", cursor);
        }
        char sep = '?';
        for (Map.Entry<String, String> e : p.entrySet()) {
            b.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return URI.create(b.toString());
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed query string");
            }
        }
        return out;
    }

    private int sendAsset(HttpExchange ex, String file) throws IOException {
        String type = file.endsWith(".html") ? "text/html; charset=utf-8"
                : file.endsWith(".js") ? "text/javascript; charset=utf-8"
                : file.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        return send(ex, 200, type, assets.get(file));
    }

    // ------------------------------------------------------------------------------- feed revalidation

    /**
     * A feed page's validator: the latest story change number it was read at, and the page's own address
     * (query, cursor, host and scheme, which its links carry). Null for an age-relative {@code since=} (24h): such a
     * page changes with the clock alone.
     */
    private static String feedTag(Map<String, String> q, URI self, long seq) {
        String since = q.get("since");
        if (since != null && SINCE_RELATIVE.matcher(since.trim()).matches()) {
            return null;
        }
        String page = self + "#" + q.getOrDefault("cursor", "");
        return "W/\"" + seq + "-" + Integer.toHexString(page.hashCode()) + "\"";
    }

    /**
     * Answers 304 when the client holds the page as of the latest change (one index look-up instead of a
     * page with up to {@code web.maxPageSize} whole texts): feed readers poll, and most polls find nothing new.
     */
    private boolean notModified(HttpExchange ex, Map<String, String> q, URI self) throws IOException, SQLException {
        String held = ex.getRequestHeaders().getFirst("If-None-Match");
        if (held == null) {
            return false;
        }
        String tag = feedTag(q, self, readModel.latestSeq());
        if (tag == null || Arrays.stream(held.split(",")).map(String::trim).noneMatch(tag::equals)) {
            return false;
        }
        ex.getResponseHeaders().set("ETag", tag);
        ex.getResponseHeaders().set("Cache-Control", "private, no-cache");
        ex.sendResponseHeaders(304, -1);
        return true;
    }

    /** Lets clients keep the page and revalidate it ({@link #notModified}); the tag is as of the page's read. */
    private static void setFeedValidator(HttpExchange ex, Map<String, String> q, URI self, StoryPage page) {
        String tag = feedTag(q, self, page.asOfSeq());
        if (tag != null) {
            ex.getResponseHeaders().set("ETag", tag);
            ex.getResponseHeaders().set("Cache-Control", "private, no-cache");
        }
    }

    private int sendJson(HttpExchange ex, int status, Object body) throws IOException {
        return send(ex, status, "application/json; charset=utf-8", Json.mapper().writeValueAsBytes(body));
    }

    private static int send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return status;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    /** A request the server cannot answer as asked; its message is shown to the client. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
