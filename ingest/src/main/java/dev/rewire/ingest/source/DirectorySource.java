package dev.rewire.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.content.CappedBody;
import dev.rewire.ingest.content.TextDecoding;
import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.Json;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Every {@code .html}, {@code .htm} and {@code .txt} file under a directory (recursively, hidden entries and
 * symbolic links to directories skipped), in a stable order: the entries of each directory sorted by name,
 * sub-directories visited where they sort. Only one directory listing per level is held, so very large trees
 * stream.
 *
 * <p>Each file becomes an article: url = the file's URI, outlet = the file name without extension,
 * fetchedAt = its modification time, contentType {@code text/plain} for {@code .txt} else {@code text/html},
 * body decoded as UTF-8 (BOM dropped, malformed bytes replaced) and cut at {@code ingest.maxBodyBytes}.
 * A side file with the same base name and a {@code .json}, {@code .yaml} or {@code .yml} extension (the first
 * found, in that order; at most {@value #MAX_SIDE_FILE_BYTES} bytes) may set {@code url}, {@code outlet},
 * {@code publishedAt}, {@code fetchedAt} and {@code title}; a malformed or oversized side file or an
 * unreadable file yields an {@link Ingested.Failure}.
 *
 * <p>Exists so a folder of saved pages can be pushed through the real pipeline ({@code rewire replay DIR}).
 */
public final class DirectorySource extends AbstractArticleSource {

    /** A side file's size limit: a few fields, so anything near this is not a side file. */
    static final int MAX_SIDE_FILE_BYTES = 1 << 20;
    private static final List<String> SIDE_FILE_EXTENSIONS = List.of(".json", ".yaml", ".yml");
    /** YAML through Jackson (SnakeYAML underneath, with its alias, depth and size limits). */
    private static final ObjectMapper YAML = new YAMLMapper();

    private final Path root;
    private final long maxBodyBytes;
    private final Deque<Iterator<Path>> stack = new ArrayDeque<>();
    private long files;
    private boolean started;

    /**
     * A source over {@code dir}.
     *
     * @throws IllegalArgumentException when {@code dir} is not a directory
     */
    public DirectorySource(Path dir, RewireConfig cfg) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        this.root = dir;
        this.maxBodyBytes = cfg.getBytes("ingest.maxBodyBytes");
    }

    @Override
    public String description() {
        return "directory " + root;
    }

    /** Files handled so far. */
    @Override
    public long position() {
        return files;
    }

    @Override
    protected Ingested computeNext() {
        if (!started) {
            started = true;
            Ingested failure = push(root);
            if (failure != null) {
                return failure;
            }
        }
        while (!stack.isEmpty()) {
            Iterator<Path> level = stack.peek();
            if (!level.hasNext()) {
                stack.pop();
                continue;
            }
            Path entry = level.next();
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                Ingested failure = push(entry);
                if (failure != null) {
                    return failure;
                }
                continue;
            }
            if (isInput(entry)) {
                files++;
                try {
                    return read(entry);
                } catch (RuntimeException e) {
                    return failure(RejectReason.PROCESSING_ERROR, entry, "cannot process " + entry + ": " + e);
                }
            }
        }
        return null;
    }

    /** Lists {@code dir} sorted by name onto the stack; a failure when it cannot be listed. */
    private Ingested push(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (!p.getFileName().toString().startsWith(".")) {
                    entries.add(p);
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return failure(RejectReason.UNREADABLE_INPUT, dir, "cannot list directory " + dir + ": " + e);
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        stack.push(entries.iterator());
        return null;
    }

    private static boolean isInput(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".txt"))
                && Files.isRegularFile(file);
    }

    private Ingested read(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = name.substring(0, dot);
        boolean text = name.substring(dot).equalsIgnoreCase(".txt");

        String url = file.toAbsolutePath().normalize().toUri().toString();
        String outlet = base;
        Instant publishedAt = null;
        Instant fetchedAt = null;
        String title = null;

        Path side = sideFile(file, base);
        if (side != null) {
            boolean json = side.getFileName().toString().endsWith(".json");
            String format = json ? "JSON" : "YAML";
            JsonNode meta;
            try {
                if (Files.size(side) > MAX_SIDE_FILE_BYTES) {
                    return failure(RejectReason.TOO_LARGE, file, "side file " + side + " is larger than "
                            + MAX_SIDE_FILE_BYTES + " bytes");
                }
                meta = (json ? Json.mapper() : YAML).readTree(side.toFile());
            } catch (JsonProcessingException e) {
                return failure(RejectReason.MALFORMED_RECORD, file, "side file " + side + " is not valid " + format
                        + ": " + e.getOriginalMessage());
            } catch (IOException | RuntimeException e) {  // SnakeYAML reports some limits as runtime exceptions
                return failure(RejectReason.UNREADABLE_INPUT, file, "cannot read side file " + side + ": " + e);
            }
            if (meta == null || !meta.isObject()) {
                return failure(RejectReason.MALFORMED_RECORD, file, "side file " + side + " is not a " + format
                        + " object");
            }
            url = orElse(JsonFields.text(meta, "url"), url);
            outlet = orElse(JsonFields.text(meta, "outlet"), outlet);
            title = JsonFields.text(meta, "title");
            try {
                publishedAt = JsonFields.time(meta, "publishedAt");
                fetchedAt = JsonFields.time(meta, "fetchedAt");
            } catch (DateTimeParseException e) {
                return failure(RejectReason.MALFORMED_RECORD, file, "side file " + side + ": '"
                        + e.getParsedString() + "' is not an ISO-8601 timestamp");
            }
        }

        CappedBody body;
        try (InputStream in = Files.newInputStream(file)) {
            body = CappedBody.read(in, maxBodyBytes);
            if (fetchedAt == null) {
                fetchedAt = Files.getLastModifiedTime(file).toInstant();
            }
        } catch (IOException | SecurityException e) {
            return failure(RejectReason.UNREADABLE_INPUT, file, "cannot read " + file + ": " + e);
        }
        String decoded = TextDecoding.decodeUtf8(body.bytes(), body.truncated());
        return Ingested.article(url, url, outlet, fetchedAt, text ? RawArticle.TEXT : RawArticle.HTML, decoded,
                DiscoveredVia.FILE, publishedAt, title, body.truncated());
    }

    /** The article's side file: {@code base.json}, else {@code base.yaml}, else {@code base.yml}; null if none. */
    private static Path sideFile(Path file, String base) {
        for (String ext : SIDE_FILE_EXTENSIONS) {
            Path side = file.resolveSibling(base + ext);
            if (Files.isRegularFile(side)) {
                return side;
            }
        }
        return null;
    }

    private static Ingested failure(RejectReason reason, Path file, String message) {
        String key = file.toAbsolutePath().normalize().toUri().toString();
        return Ingested.failure(reason, message, key, key, null, DiscoveredVia.FILE, null, 0);
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    @Override
    protected void doClose() {
        stack.clear();
    }
}
