package dev.rewire.ingest.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/** A small web server on 127.0.0.1 serving the fictional pages the fetcher tests need. */
final class TestServer implements AutoCloseable {

    static final String PAGE = "<html><head><title>Harbor Ledger</title></head>"
            + "<body><p>The harbor ferry will run every hour from Monday.</p></body></html>";

    final List<String> userAgents = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            switch (path) {
                case "/page" -> send(exchange, 200, "text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8));
                case "/plain" -> send(exchange, 200, "text/plain", "Valley Courier: fair opens".getBytes(
                        StandardCharsets.UTF_8));
                case "/cp1251" -> send(exchange, 200, "text/html", ("<meta charset=windows-1251><p>Северный вестник</p>")
                        .getBytes(java.nio.charset.Charset.forName("windows-1251")));
                case "/redirect" -> redirect(exchange, 302, "/page");
                case "/moved" -> redirect(exchange, 301, url("/redirect"));
                case "/loop-a" -> redirect(exchange, 302, "/loop-b");
                case "/loop-b" -> redirect(exchange, 307, "/loop-a");
                case "/to-private" -> redirect(exchange, 302, "http://10.0.0.1/secret");
                case "/image" -> send(exchange, 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
                case "/big" -> {
                    byte[] body = new byte[1024 * 1024];
                    Arrays.fill(body, (byte) 'b');
                    send(exchange, 200, "text/html", body);
                }
                case "/bomb" -> {
                    byte[] huge = new byte[32 * 1024 * 1024];
                    Arrays.fill(huge, (byte) 'a');
                    byte[] compressed = gzip(huge);
                    exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                    send(exchange, 200, "text/html", compressed);
                }
                case "/gzip" -> {
                    exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                    send(exchange, 200, "text/html; charset=utf-8", gzip(PAGE.getBytes(StandardCharsets.UTF_8)));
                }
                case "/slow" -> {
                    exchange.getResponseHeaders().add("Content-Type", "text/html");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    out.write("<p>first bytes".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sleep(5_000);
                }
                default -> {
                    if (path.startsWith("/chain/") || path.startsWith("/slow-chain/")) {
                        String prefix = path.substring(0, path.indexOf('/', 1) + 1);
                        if (prefix.equals("/slow-chain/")) {
                            sleep(800);  // every hop answers after 800 ms
                        }
                        int n = Integer.parseInt(path.substring(prefix.length()));
                        if (n > 0) {
                            redirect(exchange, 302, prefix + (n - 1));
                        } else {
                            send(exchange, 200, "text/html", "<p>end of the chain</p>".getBytes(StandardCharsets.UTF_8));
                        }
                    } else if (path.startsWith("/lists/")) {
                        String list = LISTS.get(path);
                        if (list == null) {
                            send(exchange, 404, "text/plain", "no such list".getBytes(StandardCharsets.UTF_8));
                        } else {
                            String body = list.replace("PORT", String.valueOf(server.getAddress().getPort()));
                            send(exchange, 200, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
                        }
                    } else {
                        send(exchange, 404, "text/html", "<p>not here</p>".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    static final Map<String, String> LISTS = Map.of("/lists/today.txt", String.join("\n",
            "# Harbor Ledger, pages of the day",
            "",
            "/page",
            "   http://127.0.0.1:PORT/plain   ",
            "/page#comments",
            "/missing",
            "http://bad host/with space"));

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client may hang up once it has read enough: expected for the capped bodies
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
