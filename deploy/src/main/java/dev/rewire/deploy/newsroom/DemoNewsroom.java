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
 * <p>Every outlet is served on its own port of the same host, as its own site with its own robots.txt, so
 * per-host politeness and robots rules can be exercised; the base port serves {@code /} (index of outlets),
 * {@code /urls.txt} (published article URLs, one a line) and an allow-all {@code /robots.txt}. Each outlet's
 * port serves {@code /robots.txt} (with a {@code Sitemap:} line; {@value #SLOW_OUTLET} also has
 * {@code Crawl-delay: 2} and a disallowed {@code /skerrydown-gazette/drafts/} section that its sitemap lists),
 * {@code /{outlet}/} (home page, advertising its RSS or Atom feed), {@code /{outlet}/feed.xml} (RSS 2.0),
 * {@code /{outlet}/atom.xml} (Atom), {@code /{outlet}/sitemap.xml} (a plain sitemap; a Google News sitemap for
 * {@value #NEWS_SITEMAP_OUTLET}; a sitemap index of a news and an archive sitemap for {@value #SLOW_OUTLET})
 * and {@code /{outlet}/{yyyy}/{mm}/{dd}/{slug}.html} (articles, once released; the base port serves them too).
 * Feeds and sitemaps carry an {@code ETag} and answer a matching {@code If-None-Match} with 304. Everything
 * else is 404. With faults on, a {@link FaultLab} outlet misbehaves on a port of its own.
 */
public final class DemoNewsroom implements AutoCloseable {

    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String RSS = "application/rss+xml; charset=utf-8";
    private static final DateTimeFormatter DATE_PATH =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final int RELATED = 4;
    private static final int THREADS = 8;

    /** The outlet with a crawl-delay, a disallowed drafts section and a sitemap index. */
    public static final String SLOW_OUTLET = "skerrydown-gazette";
    /** The outlet whose sitemap is a Google News sitemap. */
    public static final String NEWS_SITEMAP_OUTLET = "corvane-wire";
    /** Outlets whose home pages advertise their Atom feed rather than their RSS feed. */
    static final java.util.Set<String> ATOM_OUTLETS = java.util.Set.of("vellbrook-courier", "hallowmere-lantern");
    private static final String DRAFT = "drafts/harbour-budget-embargoed.html";

    private final HttpServer server;
    private final List<HttpServer> siteServers;
    private final FaultLab faults;
    private final ExecutorService executor;
    private final Clock clock;
    private final ReleaseSchedule schedule;
    private final URI baseUri;
    private final List<Outlet> outlets;
    private final Map<String, OutletTemplate> templates;
    private final List<DemoArticle> articles;
    private final Map<String, DemoArticle> articlesByPath;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoNewsroom(HttpServer server, List<HttpServer> siteServers, FaultLab faults, ExecutorService executor,
                         Clock clock, ReleaseSchedule schedule, URI baseUri, List<Outlet> outlets,
                         Map<String, OutletTemplate> templates, List<DemoArticle> articles) {
        this.server = server;
        this.siteServers = siteServers;
        this.faults = faults;
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
        return start(host, port, clock, releaseInterval, false);
    }

    /**
     * As {@link #start(String, int, Clock, Duration)}, with the {@link FaultLab} outlet when {@code faults}.
     */
    public static DemoNewsroom start(String host, int port, Clock clock, Duration releaseInterval, boolean faults) {
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
        List<HttpServer> siteServers = new ArrayList<>();
        Map<HttpServer, Outlet> siteOf = new LinkedHashMap<>();
        for (OutletTemplate t : templates.values()) {
            HttpServer site = bind(new InetSocketAddress(address.getAddress(), 0), server, siteServers);
            Outlet outlet = new Outlet(t.slug(), t.name(),
                    baseUri(address, site.getAddress().getPort()).resolve(t.slug() + "/"));
            outlets.add(outlet);
            outletsBySlug.put(t.slug(), outlet);
            siteServers.add(site);
            siteOf.put(site, outlet);
        }
        FaultLab lab = null;
        if (faults) {
            HttpServer site = bind(new InetSocketAddress(address.getAddress(), 0), server, siteServers);
            siteServers.add(site);
            lab = new FaultLab(baseUri(address, site.getAddress().getPort()));
            FaultLab theLab = lab;
            site.createContext("/", ex -> handleFault(theLab, ex));
        }
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
        DemoNewsroom newsroom = new DemoNewsroom(server, List.copyOf(siteServers), lab, executor, clock, schedule,
                base, List.copyOf(outlets), templates, List.copyOf(articles));
        server.createContext("/", ex -> newsroom.handle(ex, null));
        server.setExecutor(executor);
        siteOf.forEach((site, outlet) -> site.createContext("/", ex -> newsroom.handle(ex, outlet)));
        server.start();
        for (HttpServer site : siteServers) {
            site.setExecutor(executor);
            site.start();
        }
        return newsroom;
    }

    /** The server's root, e.g. {@code http://127.0.0.1:41234/}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The home page of the fault-mode outlet, or null when faults are off. */
    public URI faultHome() {
        return faults == null ? null : faults.home();
    }

    /** How often the fault-mode page {@code page} (e.g. {@code limited}) was requested; 0 with faults off. */
    public int faultHits(String page) {
        return faults == null ? 0 : faults.hits(page);
    }

    /** The robots.txt of {@code outlet}'s site. */
    public URI robotsUri(Outlet outlet) {
        return outlet.home().resolve("/robots.txt");
    }

    /** The sitemap (or, for {@value #SLOW_OUTLET}, sitemap index) that {@code outlet}'s robots.txt lists. */
    public URI sitemapUri(Outlet outlet) {
        return outlet.home().resolve("sitemap.xml");
    }

    /** The draft page of {@value #SLOW_OUTLET}: listed in its sitemap, disallowed by its robots.txt. */
    public URI draftUri() {
        return outlets.stream().filter(o -> o.slug().equals(SLOW_OUTLET)).findFirst().orElseThrow().home()
                .resolve(DRAFT);
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
            siteServers.forEach(s -> s.stop(0));
            executor.shutdownNow();
        }
    }

    private List<DemoArticle> published(Instant now) {
        return articles.subList(0, schedule.releasedAt(now));
    }

    private record Response(int status, String contentType, String body, String location, boolean validated) {
        Response(int status, String contentType, String body, String location) {
            this(status, contentType, body, location, false);
        }

        static Response ok(String contentType, String body) {
            return new Response(200, contentType, body, null);
        }

        /** A feed or sitemap: served with an ETag, 304 when the client's copy matches. */
        static Response document(String contentType, String body) {
            return new Response(200, contentType, body, null, true);
        }

        static Response notFound() {
            return new Response(404, HTML, "<!DOCTYPE html>\n<html><head><title>Not found</title></head>"
                    + "<body><h1>404 Not Found</h1><p>There is no page at this address.</p></body></html>\n", null);
        }
    }

    private static void handleFault(FaultLab lab, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!lab.handle(exchange, exchange.getRequestURI().getRawPath())) {
                FaultLab.send(exchange, 404, TEXT, "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            // a client that gave up (size cap, time-out): nothing to do
        }
    }

    private static HttpServer bind(InetSocketAddress address, HttpServer base, List<HttpServer> started) {
        try {
            return HttpServer.create(address, 0);
        } catch (IOException e) {
            base.stop(0);
            started.forEach(s -> s.stop(0));
            throw new UncheckedIOException("cannot bind a demo newsroom site to " + address, e);
        }
    }

    private void handle(HttpExchange exchange, Outlet site) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            Response response;
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                response = new Response(405, TEXT, "method not allowed\n", null);
            } else {
                try {
                    response = route(exchange.getRequestURI().getRawPath(), clock.instant(), site);
                } catch (RuntimeException e) {
                    response = new Response(500, TEXT, "internal error: " + e + "\n", null);
                }
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            if (response.validated()) {
                String etag = "\"" + Integer.toHexString(response.body().hashCode()) + "-" + bytes.length + "\"";
                exchange.getResponseHeaders().set("ETag", etag);
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
            }
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

    private Response route(String path, Instant now, Outlet site) {
        if (site != null && "/robots.txt".equals(path)) {
            return Response.ok(TEXT, robots(site));
        }
        if (path == null || path.equals("/")) {
            return site == null ? Response.ok(HTML, indexPage(now))
                    : new Response(301, TEXT, "moved to " + site.home() + "\n", site.home().toString());
        }
        if (site == null && path.equals("/urls.txt")) {
            StringBuilder out = new StringBuilder();
            published(now).forEach(a -> out.append(a.uri()).append('\n'));
            return Response.ok(TEXT, out.toString());
        }
        if (path.equals("/robots.txt")) {
            return Response.ok(TEXT, "User-agent: *\nAllow: /\n");
        }
        String[] parts = path.substring(1).split("/", -1);
        OutletTemplate template = templates.get(parts[0]);
        if (template == null || (site != null && !site.slug().equals(parts[0]))) {
            return Response.notFound();
        }
        Outlet outlet = outlets.stream().filter(o -> o.slug().equals(parts[0])).findFirst().orElseThrow();
        if (site != null) {
            Response machine = machineReadable(outlet, path.substring(parts[0].length() + 2), now);
            if (machine != null) {
                return machine;
            }
        }
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

    private String robots(Outlet site) {
        StringBuilder out = new StringBuilder("# robots.txt of ").append(site.name()).append('\n')
                .append("User-agent: *\n");
        if (site.slug().equals(SLOW_OUTLET)) {
            out.append("Crawl-delay: 2\n").append("Disallow: /").append(SLOW_OUTLET).append("/drafts/\n");
        }
        out.append("Allow: /\n\n").append("Sitemap: ").append(sitemapUri(site)).append('\n');
        return out.toString();
    }

    /** Feeds, sitemaps and the draft page of an outlet's own site, or null for other paths. */
    private Response machineReadable(Outlet outlet, String rest, Instant now) {
        String xml = "application/xml; charset=utf-8";
        List<DemoArticle> mine = newestFirst(outlet, now);
        boolean slow = outlet.slug().equals(SLOW_OUTLET);
        switch (rest) {
            case "atom.xml":
                return Response.document("application/atom+xml; charset=utf-8", Syndication.atom(outlet, mine, now));
            case "feed.xml":
                return Response.document(RSS, Rss.feed(outlet, mine, now));
            case "sitemap.xml":
                if (slow) {
                    Instant last = mine.isEmpty() ? now : mine.get(0).published();
                    return Response.document(xml, Syndication.index(List.of(
                            outlet.home().resolve("sitemap-news.xml").toString(),
                            outlet.home().resolve("sitemap-archive.xml").toString()), last));
                }
                if (outlet.slug().equals(NEWS_SITEMAP_OUTLET)) {
                    return Response.document(xml, Syndication.newsSitemap(outlet, mine));
                }
                return Response.document(xml, Syndication.urlset(mine, List.of(), now));
            case "sitemap-news.xml":
                return slow ? Response.document(xml, Syndication.newsSitemap(outlet,
                        mine.subList(0, Math.min(2, mine.size())))) : null;
            case "sitemap-archive.xml":
                return slow ? Response.document(xml, Syndication.urlset(mine.subList(Math.min(2, mine.size()),
                        mine.size()), List.of(outlet.home().resolve(DRAFT).toString()), now)) : null;
            case DRAFT:
                return slow ? Response.ok(HTML, "<!DOCTYPE html><html><head><title>DRAFT - embargoed</title></head>"
                        + "<body><p>Draft, not for publication: robots.txt disallows this section.</p></body></html>\n")
                        : null;
            default:
                return null;
        }
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
            items.append("<li><a href=\"").append(Html.escape(o.home().toString())).append("\">")
                    .append(Html.escape(o.name())).append("</a> (<a href=\"")
                    .append(Html.escape(o.feed().toString())).append("\">RSS</a>)</li>\n");
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
