package dev.rewire.ingest.frontier;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The URLs the scraper has already dealt with (fetched and published, or given up on), remembered across
 * restarts so that a restart re-fetches nothing it already published and a feed item seen before costs one map
 * look-up. Keys are normalised URL strings.
 *
 * <p>Bounded twice: entries older than the time-to-live are forgotten (a URL seen a month ago may be fetched
 * again), and beyond {@code capacity} entries the oldest are forgotten first. Persistence is a local append-only
 * log ({@code <epoch-seconds> TAB <url>} a line) replayed at start-up and compacted (rewritten with the live
 * entries, atomically) when it holds more than twice as many lines as live entries; appends are buffered and
 * written by {@link #flush()} (the scraper flushes every second and on close), so a crash forgets at most the
 * last second, which is then fetched once more (at-least-once, never lost). Thread-safe.
 */
public final class Frontier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Frontier.class);

    private final Path file;
    private final long ttlSeconds;
    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>(1024);
    private BufferedWriter log;
    private long logLines;

    private Frontier(Path file, Duration ttl, int capacity, Clock clock) {
        this.file = file;
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
        this.capacity = capacity;
        this.clock = clock;
    }

    /** An in-memory frontier (forgotten at exit). */
    public static Frontier inMemory(Duration ttl, int capacity, Clock clock) {
        return new Frontier(null, ttl, capacity, clock);
    }

    /**
     * A frontier persisted in {@code file} (created with its directory when missing).
     *
     * @throws UncheckedIOException when the file cannot be read or written
     */
    public static Frontier open(Path file, Duration ttl, int capacity, Clock clock) {
        Frontier f = new Frontier(file, ttl, capacity, clock);
        f.load();
        return f;
    }

    /** True when {@code url} was dealt with within the time-to-live. */
    public synchronized boolean contains(String url) {
        Long at = seen.get(url);
        return at != null && at > now() - ttlSeconds;
    }

    /** Remembers {@code url} as dealt with now; true when it was not remembered before. */
    public synchronized boolean add(String url) {
        long now = now();
        Long before = seen.remove(url);
        seen.put(url, now);
        expire(now);
        if (log != null) {
            try {
                log.write(Long.toString(now));
                log.write('\t');
                log.write(url);
                log.write('\n');
                logLines++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the frontier log " + file, e);
            }
        }
        return before == null || before <= now - ttlSeconds;
    }

    /** How many URLs are remembered. */
    public synchronized int size() {
        return seen.size();
    }

    /** Writes buffered additions to the log. */
    public synchronized void flush() {
        if (log != null) {
            try {
                log.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the frontier log " + file, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                LOG.warn("cannot close the frontier log {}: {}", file, e.toString());
            }
            log = null;
        }
    }

    private long now() {
        return clock.millis() / 1000;
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> eldest = it.next();
            if (seen.size() > capacity || eldest.getValue() <= now - ttlSeconds) {
                it.remove();
            } else {
                break;
            }
        }
    }

    private void load() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            long lines = 0;
            if (Files.exists(file)) {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        int tab = line.indexOf('\t');
                        if (tab <= 0) {
                            continue; // a line cut by a crash
                        }
                        try {
                            long at = Long.parseLong(line, 0, tab, 10);
                            String url = line.substring(tab + 1);
                            seen.remove(url);
                            seen.put(url, at);
                            lines++;
                        } catch (NumberFormatException e) {
                            // a line cut by a crash
                        }
                    }
                }
            }
            expire(now());
            if (lines > 2L * seen.size() + 1000) {
                compact();
                lines = seen.size();
            }
            logLines = lines;
            log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            LOG.info("frontier {}: {} URLs remembered", file, seen.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the frontier log " + file, e);
        }
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Long> e : seen.entrySet()) {
                out.write(e.getValue() + "\t" + e.getKey() + "\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
