package dev.rewire.deploy.newsroom;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local web server of fictional news outlets for {@code ./rewire demo} and the tests to ingest.
 *
 * <p>It exists because a streaming news pipeline needs input that looks like the real thing but whose
 * correct output is known: every page carries typical boilerplate (navigation, cookie banner, share
 * buttons, newsletter box, related stories, about blurb, copyright) around an article whose text and
 * story membership are exposed through {@link #articles()}. Articles are released over time: about half
 * are published at {@link #start}, then one more every release interval, as read from the given
 * {@link Clock} on each request, so a demo shows stories grow and a test can advance time by hand.
 *
 * <p>Routes: {@code /} (index of outlets), {@code /urls.txt} (published article URLs, one a line),
 * {@code /robots.txt}, {@code /{outlet}/} (home page), {@code /{outlet}/feed.xml} (RSS 2.0) and
 * {@code /{outlet}/{yyyy}/{mm}/{dd}/{slug}.html} (articles, once released). Everything else is 404.
 */
public final class DemoNewsroom implements AutoCloseable {

    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String RSS = "application/rss+xml; charset=utf-8";
    private static final DateTimeFormatter DATE_PATH =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final int RELATED = 4;
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final ReleaseSchedule schedule;
    private final URI baseUri;
    private final List<Outlet> outlets;
    private final Map<String, OutletTemplate> templates;
    private final List<DemoArticle> articles;
    private final Map<String, DemoArticle> articlesByPath;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoNewsroom(HttpServer server, ExecutorService executor, Clock clock, ReleaseSchedule schedule,
                         URI baseUri, List<Outlet> outlets, Map<String, OutletTemplate> templates,
                         List<DemoArticle> articles) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
        this.schedule = schedule;
        this.baseUri = baseUri;
        this.outlets = outlets;
        this.templates = templates;
        this.articles = articles;
        Map<String, DemoArticle> byPath = new HashMap<>();
        articles.forEach(a -> byPath.put(a.uri().getRawPath(), a));
        this.articlesByPath = byPath;
    }

    /**
     * Loads the content, binds to {@code host}:{@code port} ({@code 0} picks a free port) and starts
     * serving. The clock's current instant is the start of the release schedule.
     *
     * @param host            the address to bind to, and only that one (e.g. {@code 127.0.0.1})
     * @param port            the port, or {@code 0} for a free one
     * @param clock           read on every request to decide what is published
     * @param releaseInterval time between two releases after the first batch; zero publishes everything
     * @return the running newsroom; close it to stop the server
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static DemoNewsroom start(String host, int port, Clock clock, Duration releaseInterval) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(releaseInterval, "releaseInterval");
        Map<String, OutletTemplate> templates = new LinkedHashMap<>();
        OutletTemplate.all().forEach(t -> templates.put(t.slug(), t));
        List<NewsroomCatalog.Entry> entries = NewsroomCatalog.load(templates.keySet());
        ReleaseSchedule schedule = new ReleaseSchedule(clock.instant(), releaseInterval, entries.size());

        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve host " + host);
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the demo newsroom to " + host + ":" + port, e);
        }
        URI base = baseUri(address, server.getAddress().getPort());

        List<Outlet> outlets = new ArrayList<>();
        Map<String, Outlet> outletsBySlug = new HashMap<>();
        templates.values().forEach(t -> {
            Outlet outlet = new Outlet(t.slug(), t.name(), base.resolve(t.slug() + "/"));
            outlets.add(outlet);
            outletsBySlug.put(t.slug(), outlet);
        });
        List<DemoArticle> articles = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            NewsroomCatalog.Entry e = entries.get(i);
            Outlet outlet = outletsBySlug.get(e.outlet());
            Instant published = schedule.publishedAt(i);
            URI uri = outlet.home().resolve(DATE_PATH.format(published) + "/" + e.slug() + ".html");
            articles.add(new DemoArticle(outlet, e.slug(), e.title(), e.author(), published, e.storyKey(),
                    e.kind(), e.paragraphs(), e.subheadings(), uri, i));
        }

        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "demo-newsroom-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        DemoNewsroom newsroom = new DemoNewsroom(server, executor, clock, schedule, base, List.copyOf(outlets),
                templates, List.copyOf(articles));
        server.createContext("/", newsroom::handle);
        server.setExecutor(executor);
        server.start();
        return newsroom;
    }

    /** The server's root, e.g. {@code http://127.0.0.1:41234/}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The plain-text list of every currently published article URL, one a line. */
    public URI urlListUri() {
        return baseUri.resolve("urls.txt");
    }

    /** The outlets, in index-page order. */
    public List<Outlet> outlets() {
        return outlets;
    }

    /** Every article, released or not, in release order. */
    public List<DemoArticle> articles() {
        return articles;
    }

    /** The articles published now, in release order. */
    public List<DemoArticle> publishedArticles() {
        return published(clock.instant());
    }

    /** The URIs of the articles published now, in release order (what {@code /urls.txt} lists). */
    public List<URI> publishedArticleUris() {
        return publishedArticles().stream().map(DemoArticle::uri).toList();
    }

    /** Every article grouped by story key, stories in order of first release: the expected grouping. */
    public Map<String, List<DemoArticle>> articlesByStory() {
        Map<String, List<DemoArticle>> stories = new LinkedHashMap<>();
        articles.forEach(a -> stories.computeIfAbsent(a.storyKey(), k -> new ArrayList<>()).add(a));
        stories.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(stories);
    }

    /** How many articles there are once everything is released. */
    public int totalArticles() {
        return articles.size();
    }

    /** Stops the server; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private List<DemoArticle> published(Instant now) {
        return articles.subList(0, schedule.releasedAt(now));
    }

    private record Response(int status, String contentType, String body, String location) {
        static Response ok(String contentType, String body) {
            return new Response(200, contentType, body, null);
        }

        static Response notFound() {
            return new Response(404, HTML, "<!DOCTYPE html>\n<html><head><title>Not found</title></head>"
                    + "<body><h1>404 Not Found</h1><p>There is no page at this address.</p></body></html>\n", null);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            Response response;
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                response = new Response(405, TEXT, "method not allowed\n", null);
            } else {
                try {
                    response = route(exchange.getRequestURI().getRawPath(), clock.instant());
                } catch (RuntimeException e) {
                    response = new Response(500, TEXT, "internal error: " + e + "\n", null);
                }
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            if (response.location() != null) {
                exchange.getResponseHeaders().set("Location", response.location());
            }
            if (head) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                exchange.sendResponseHeaders(response.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private Response route(String path, Instant now) {
        if (path == null || path.equals("/")) {
            return Response.ok(HTML, indexPage(now));
        }
        if (path.equals("/urls.txt")) {
            StringBuilder out = new StringBuilder();
            published(now).forEach(a -> out.append(a.uri()).append('\n'));
            return Response.ok(TEXT, out.toString());
        }
        if (path.equals("/robots.txt")) {
            return Response.ok(TEXT, "User-agent: *\nAllow: /\n");
        }
        String[] parts = path.substring(1).split("/", -1);
        OutletTemplate template = templates.get(parts[0]);
        if (template == null) {
            return Response.notFound();
        }
        Outlet outlet = outlets.stream().filter(o -> o.slug().equals(parts[0])).findFirst().orElseThrow();
        if (parts.length == 1) {
            return new Response(301, TEXT, "moved to " + outlet.home() + "\n", outlet.home().toString());
        }
        if (parts.length == 2 && parts[1].isEmpty()) {
            return Response.ok(HTML, template.homePage(new OutletTemplate.HomeView(outlet, newestFirst(outlet, now), now)));
        }
        if (parts.length == 2 && parts[1].equals("feed.xml")) {
            return Response.ok(RSS, Rss.feed(outlet, newestFirst(outlet, now), now));
        }
        DemoArticle article = articlesByPath.get(path);
        if (article == null || article.releaseIndex() >= schedule.releasedAt(now)) {
            return Response.notFound();
        }
        List<DemoArticle> related = newestFirst(outlet, now).stream()
                .filter(a -> a != article).limit(RELATED).toList();
        return Response.ok(HTML, template.articlePage(new OutletTemplate.ArticleView(article, related, now)));
    }

    private List<DemoArticle> newestFirst(Outlet outlet, Instant now) {
        return published(now).stream()
                .filter(a -> a.outlet().equals(outlet))
                .sorted(Comparator.comparingInt(DemoArticle::releaseIndex).reversed())
                .toList();
    }

    private String indexPage(Instant now) {
        int released = schedule.releasedAt(now);
        StringBuilder items = new StringBuilder();
        for (Outlet o : outlets) {
            items.append("<li><a href=\"").append(Html.escape(o.home().getRawPath())).append("\">")
                    .append(Html.escape(o.name())).append("</a> (<a href=\"")
                    .append(Html.escape(o.feed().getRawPath())).append("\">RSS</a>)</li>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>Rewire demo newsroom</title>\n</head>\n<body>\n<h1>Rewire demo newsroom</h1>\n"
                + "<p>Fictional outlets for demos and tests. " + released + " of " + articles.size()
                + " articles published; the list of their URLs is at <a href=\"/urls.txt\">/urls.txt</a>.</p>\n"
                + "<ul>\n" + items + "</ul>\n</body>\n</html>\n";
    }

    private static URI baseUri(InetSocketAddress address, int port) {
        String host = address.getAddress().isAnyLocalAddress()
                ? "localhost" : address.getAddress().getHostAddress();
        try {
            return new URI("http", null, host, port, "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad base URI for " + host + ":" + port, e);
        }
    }
}
