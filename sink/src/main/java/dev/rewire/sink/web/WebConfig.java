package dev.rewire.sink.web;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import java.time.Duration;

/**
 * The web server's settings ({@code web.*} in the defaults file), validated.
 *
 * @param accessToken null when no token is required
 * @param cacheFor    how long the read model shares an answer among the requests asking the same query (0: never)
 */
public record WebConfig(String host, int port, String accessToken, int pageSize, int maxPageSize,
                        Duration streamInterval, int maxStreams, int threads, int dbConnections,
                        Duration cacheFor) {

    /** Worker threads left for ordinary requests when every live stream is open. */
    static final int MIN_REQUEST_THREADS = 4;

    public WebConfig {
        if (port < 0 || port > 65535) {
            throw new ConfigException("web.port must be 0..65535, was " + port);
        }
        if (pageSize < 1 || maxPageSize < pageSize) {
            throw new ConfigException("need 1 <= web.pageSize <= web.maxPageSize, got " + pageSize + " and " + maxPageSize);
        }
        if (streamInterval.isNegative() || streamInterval.isZero()) {
            throw new ConfigException("web.streamInterval must be positive");
        }
        if (cacheFor.isNegative()) {
            throw new ConfigException("web.cacheFor must not be negative");
        }
        if (dbConnections < 1) {
            throw new ConfigException("web.dbConnections must be at least 1");
        }
        if (maxStreams < 1 || threads < (long) maxStreams + MIN_REQUEST_THREADS) {
            // Each live stream holds a worker thread for as long as it is open: with no threads left over,
            // open streams would hang every other request.
            throw new ConfigException("need web.maxStreams >= 1 and web.threads >= web.maxStreams + "
                    + MIN_REQUEST_THREADS + ", got " + maxStreams + " and " + threads);
        }
        if (accessToken != null && accessToken.isBlank()) {
            accessToken = null;
        }
    }

    /** These settings on another port (0 = a free one). */
    public WebConfig withPort(int newPort) {
        return new WebConfig(host, newPort, accessToken, pageSize, maxPageSize, streamInterval, maxStreams, threads,
                dbConnections, cacheFor);
    }

    public static WebConfig fromConfig(RewireConfig cfg) {
        return new WebConfig(cfg.getString("web.host"), cfg.getInt("web.port"), cfg.getOptional("web.accessToken"),
                cfg.getInt("web.pageSize"), cfg.getInt("web.maxPageSize"), cfg.getDuration("web.streamInterval"),
                cfg.getInt("web.maxStreams"), cfg.getInt("web.threads"), cfg.getInt("web.dbConnections"),
                cfg.isSet("web.cacheFor") ? cfg.getDuration("web.cacheFor") : Duration.ofSeconds(1));
    }
}
