package dev.rewire.deploy.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Serves {@code GET /metrics} (Prometheus text format) and {@code GET /health} (200 while the pipeline
 * is healthy, 503 otherwise) on a small JDK HTTP server. Binds to the configured host, loopback by default;
 * {@link #startOrFallBack} moves to a free port when the configured one is taken.
 */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on {@code port}, or on a free port when {@code port} is taken (a second demo on the same
     * machine), as the dashboard does; {@code say} is told about the fall-back. The URL actually served is
     * {@link #metricsUri()}.
     */
    public static MetricsServer startOrFallBack(String host, int port, PrometheusMeterRegistry registry,
                                                BooleanSupplier healthy, Consumer<String> say) {
        try {
            return start(host, port, registry, healthy);
        } catch (UncheckedIOException e) {
            if (port == 0) {
                throw e;
            }
            say.accept("Metrics: port " + port + " is busy (" + e.getCause().getMessage() + "); using a free port");
            return start(host, 0, registry, healthy);
        }
    }

    /** Starts serving; {@code port} 0 picks a free port. */
    public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier healthy) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
            server.createContext("/metrics", exchange -> {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    reply(exchange, 405, "text/plain", "method not allowed\n");
                    return;
                }
                reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            });
            server.createContext("/health", exchange -> {
                boolean ok = healthy.getAsBoolean();
                reply(exchange, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "unhealthy\n");
            });
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "metrics-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.start();
            return new MetricsServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port
                    + " (set metrics.port to a free port, or 0)", e);
        }
    }

    /** The URL of the metrics endpoint. */
    public URI metricsUri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/metrics");
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
