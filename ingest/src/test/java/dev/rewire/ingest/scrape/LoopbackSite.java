package dev.rewire.ingest.scrape;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A programmable web site on 127.0.0.1 for the scraper tests: routes by path, and a log of every request. */
final class LoopbackSite implements AutoCloseable {

    /** One request as the server saw it. */
    record Hit(String path, long nanos, String ifNoneMatch, int status) {
    }

    /** Answers one request; returns the status sent. */
    @FunctionalInterface
    interface Handler {
        int handle(HttpExchange exchange, int hitNumber) throws Exception;
    }

    final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    LoopbackSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    LoopbackSite route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    LoopbackSite page(String path, String contentType, String body) {
        return route(path, (ex, n) -> send(ex, 200, contentType, body));
    }

    /** Requests of {@code path} so far. */
    List<Hit> hitsOf(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            int n = counts.merge(path, 1, Integer::sum);
            Handler h = routes.get(path);
            long at = System.nanoTime();
            int status = h == null ? send(ex, 404, "text/plain", "not found") : h.handle(ex, n);
            hits.add(new Hit(path, at, ex.getRequestHeaders().getFirst("If-None-Match"), status));
        } catch (Exception e) {
            // client gave up, or a handler's sleep was interrupted at shutdown
        }
    }

    static int send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        return status;
    }

    static String article(String title, String canonical) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + (canonical == null ? "" : "<link rel=\"canonical\" href=\"" + canonical + "\">")
                + "</head><body><article><h1>" + title + "</h1><p>The Tollbridge parish council met on Tuesday.</p>"
                + "</article></body></html>";
    }

    static String rss(String... links) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>");
        for (String l : links) {
            out.append("<item><title>Title of ").append(l).append("</title><link>").append(l)
                    .append("</link><pubDate>Tue, 03 Mar 2026 10:15:00 GMT</pubDate></item>");
        }
        return out.append("</channel></rss>").toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
