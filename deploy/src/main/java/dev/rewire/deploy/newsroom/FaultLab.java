package dev.rewire.deploy.newsroom;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * The newsroom's fault mode: a misbehaving outlet ("Fault Lab", on its own port) whose feed links to pages
 * that are slow, rate-limited (429 with {@code Retry-After}), temporarily unavailable (503), caught in a
 * redirect loop, oversized (60 MB) or a gzip bomb (64 MB of zeros in a 64 KB body), next to one healthy page;
 * a second advertised feed is malformed XML. Exists so the scraper's defences can be watched and tested
 * against a real server: none of these may stall other outlets or crash the process.
 */
final class FaultLab {

    static final String SLUG = "fault-lab";
    static final long HUGE_BYTES = 60L * 1024 * 1024;
    private static final String HTML = "text/html; charset=utf-8";
    private static final String[] PAGES = {"ok", "slow", "limited", "unavailable", "loop-a", "huge", "bomb"};

    private final URI home;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private volatile byte[] bomb;

    FaultLab(URI base) {
        this.home = base.resolve(SLUG + "/");
    }

    /** The home page, which advertises a healthy RSS feed and a malformed one. */
    URI home() {
        return home;
    }

    /** How often {@code page} (e.g. {@code limited}) was requested. */
    int hits(String page) {
        AtomicInteger n = hits.get(page);
        return n == null ? 0 : n.get();
    }

    /** Serves {@code path}; true when it was a fault-lab path. */
    boolean handle(HttpExchange ex, String path) throws IOException {
        if (path.equals("/robots.txt")) {
            send(ex, 200, "text/plain", "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8));
            return true;
        }
        String prefix = "/" + SLUG + "/";
        if (!path.startsWith(prefix)) {
            return false;
        }
        String rest = path.substring(prefix.length());
        String page = rest.endsWith(".html") ? rest.substring(0, rest.length() - 5) : rest;
        int n = hits.computeIfAbsent(page, k -> new AtomicInteger()).incrementAndGet();
        switch (rest) {
            case "" -> send(ex, 200, HTML, ("<!DOCTYPE html><html><head><title>Fault Lab</title>"
                    + "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"feed.xml\">"
                    + "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"broken.xml\">"
                    + "</head><body><h1>Fault Lab</h1><p>Pages that misbehave on purpose.</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8));
            case "feed.xml" -> send(ex, 200, "application/rss+xml; charset=utf-8", feed());
            case "broken.xml" -> send(ex, 200, "application/rss+xml", ("<?xml version=\"1.0\"?><rss version=\"2.0\">"
                    + "<channel><title>Broken<item><link>" + home.resolve("never.html") + "</item></rss>")
                    .getBytes(StandardCharsets.UTF_8));
            case "ok.html" -> page(ex, "A healthy page among faulty ones",
                    "The Fault Lab's one well-behaved page loads at once and in full.");
            case "slow.html" -> {
                sleep(3_000);
                page(ex, "A page that takes three seconds", "The server waited three seconds before answering.");
            }
            case "limited.html" -> {
                if (n % 2 == 1) {
                    ex.getResponseHeaders().set("Retry-After", "2");
                    send(ex, 429, "text/plain", "slow down\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    page(ex, "A rate-limited page", "Served on the second try, after the Retry-After delay.");
                }
            }
            case "unavailable.html" -> {
                if (n <= 2) {
                    send(ex, 503, "text/plain", "try again later\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    page(ex, "A page that was unavailable", "Served after two 503 answers.");
                }
            }
            case "loop-a.html" -> redirect(ex, home.resolve("loop-b.html"));
            case "loop-b.html" -> redirect(ex, home.resolve("loop-a.html"));
            case "huge.html" -> huge(ex);
            case "bomb.html" -> {
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                send(ex, 200, HTML, bomb());
            }
            default -> send(ex, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }

    private byte[] feed() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">"
                + "<channel><title>Fault Lab</title><link>" + home + "</link><description>Faults</description>\n");
        for (String p : PAGES) {
            out.append("<item><title>").append(p).append("</title><link>").append(home.resolve(p + ".html"))
                    .append("</link></item>\n");
        }
        return out.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void page(HttpExchange ex, String title, String text) throws IOException {
        send(ex, 200, HTML, ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title></head><body><article><h1>" + Html.escape(title) + "</h1><p>" + Html.escape(text)
                + "</p></article></body></html>").getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(HttpExchange ex, URI to) throws IOException {
        ex.getResponseHeaders().set("Location", to.toString());
        send(ex, 302, "text/plain", new byte[0]);
    }

    private static void huge(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", HTML);
        ex.sendResponseHeaders(200, HUGE_BYTES);
        byte[] start = "<!DOCTYPE html><html><head><title>An endless page</title></head><body>\n"
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder para = new StringBuilder();
        while (para.length() < 64 * 1024) {
            para.append("<p>This page goes on and on, far past any size a news article could need.</p>\n");
        }
        byte[] chunk = para.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(start);
            for (long sent = start.length; sent < HUGE_BYTES; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, HUGE_BYTES - sent));
            }
        } catch (IOException e) {
            // the client stopped reading at its size cap: expected
        }
    }

    private byte[] bomb() throws IOException {
        byte[] b = bomb;
        if (b == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < 64; i++) {
                    gz.write(zeros);
                }
            }
            b = bytes.toByteArray();
            bomb = b;
        }
        return b;
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (body.length == 0) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
