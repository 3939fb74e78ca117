package dev.rewire.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.content.CappedBody;
import dev.rewire.ingest.content.TextDecoding;
import dev.rewire.ingest.content.Urls;
import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.Json;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.zip.GZIPInputStream;

/**
 * Reads the interchange JSONL format, one article a line:
 * {@code {"url": "...", "html": "..."}} or {@code {"url": "...", "text": "..."}}, with optional {@code outlet}
 * (default: the URL's host), {@code publishedAt}, {@code fetchedAt} (ISO-8601; default: publishedAt, else now)
 * and {@code title}. Plain or gzip-compressed ({@code .jsonl.gz}, detected by content); blank lines skipped.
 *
 * <p>Exists as the simplest way to feed the pipeline from other tools and to replay evaluation sets. Streams
 * line by line: a line is never held beyond a cap derived from {@code ingest.maxBodyBytes} (six times it, for
 * JSON escapes, plus 1 MB); a longer line becomes a {@code too-large} failure. Bodies over
 * {@code ingest.maxBodyBytes} (UTF-8) are cut and marked truncated. A malformed line, a line without
 * {@code url} or without a body becomes an {@link Ingested.Failure} naming the line number — never an exception.
 */
public final class JsonlSource extends AbstractArticleSource {

    private static final int EXCERPT_BYTES = 8 * 1024;

    private final Path file;
    private final String fileUri;
    private final long maxBodyBytes;
    private final int maxLineBytes;
    private CountingInputStream counter;
    private InputStream stream;
    private LineReader lines;
    private boolean finished;
    private long lastLine;

    /** A source over {@code file}; the file is opened on the first read (an unreadable file yields one failure). */
    public JsonlSource(Path file, RewireConfig cfg) {
        this.file = file;
        this.fileUri = file.toAbsolutePath().normalize().toUri().toString();
        this.maxBodyBytes = Math.min(cfg.getBytes("ingest.maxBodyBytes"), CappedBody.MAX_CAP);
        this.maxLineBytes = (int) Math.min(maxBodyBytes * 6 + 1024 * 1024, CappedBody.MAX_CAP);
    }

    @Override
    public String description() {
        return "jsonl " + file;
    }

    @Override
    public long position() {
        return counter == null ? 0 : counter.count();
    }

    @Override
    protected Ingested computeNext() {
        if (finished) {
            return null;
        }
        try {
            if (lines == null) {
                open();
            }
            while (true) {
                LineReader.Line line = lines.next();
                if (line == null) {
                    finished = true;
                    return null;
                }
                lastLine = line.number();
                if (isBlank(line)) {
                    continue;
                }
                try {
                    return parse(line);
                } catch (RuntimeException e) {
                    return Ingested.failure(RejectReason.PROCESSING_ERROR, "line " + lastLine + " of " + file
                            + " could not be processed: " + e, fileUri + "#line=" + lastLine, null, null,
                            DiscoveredVia.JSONL, excerpt(line), line.fullLength());
                }
            }
        } catch (IOException | RuntimeException e) {
            finished = true;
            String where = lines == null ? "cannot open " + file : "cannot read " + file + " after line " + lastLine;
            return Ingested.failure(RejectReason.UNREADABLE_INPUT, where + ": " + e, fileUri + "#line=" + (lastLine + 1),
                    null, null, DiscoveredVia.JSONL, null, 0);
        }
    }

    private void open() throws IOException {
        counter = new CountingInputStream(Files.newInputStream(file));
        stream = counter;
        PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(counter, 64 * 1024), 2);
        byte[] magic = in.readNBytes(2);
        in.unread(magic);
        stream = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
                ? new GZIPInputStream(in, 64 * 1024) : in;
        lines = new LineReader(stream, maxLineBytes);
    }

    private Ingested parse(LineReader.Line line) {
        long n = line.number();
        String key = fileUri + "#line=" + n;
        if (line.oversized()) {
            return Ingested.failure(RejectReason.TOO_LARGE, "line " + n + " of " + file + " is " + line.fullLength()
                    + " bytes, over the line limit of " + maxLineBytes + " bytes", key, null, null,
                    DiscoveredVia.JSONL, excerpt(line), line.fullLength());
        }
        JsonNode node;
        try {
            int start = n == 1 && hasBom(line) ? 3 : 0;
            node = Json.mapper().readTree(line.bytes(), start, line.length() - start);
        } catch (JsonProcessingException e) {
            return malformed(line, key, null, "line " + n + " of " + file + " is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            return malformed(line, key, null, "line " + n + " of " + file + " cannot be parsed: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return malformed(line, key, null, "line " + n + " of " + file + " is not a JSON object");
        }
        JsonNode urlNode = node.get("url");
        if (urlNode == null || urlNode.isNull() || (urlNode.isTextual() && urlNode.asText().isBlank())) {
            return Ingested.failure(RejectReason.MISSING_URL, "line " + n + " of " + file + " has no url", key, null,
                    JsonFields.text(node, "outlet"), DiscoveredVia.JSONL, excerpt(line), line.length());
        }
        if (!urlNode.isTextual()) {
            return malformed(line, key, null, "line " + n + " of " + file + ": url is not a string");
        }
        String url = urlNode.asText().trim();
        if (!Urls.isAbsolute(url)) {
            return malformed(line, url, url, "line " + n + " of " + file + ": url '" + url + "' is not an absolute URL");
        }
        String outlet = JsonFields.text(node, "outlet");
        if (outlet == null) {
            outlet = Urls.defaultOutlet(url);
        }
        JsonNode html = node.get("html");
        JsonNode textBody = node.get("text");
        String contentType;
        JsonNode bodyNode;
        if (html != null && !html.isNull()) {
            contentType = RawArticle.HTML;
            bodyNode = html;
        } else if (textBody != null && !textBody.isNull()) {
            contentType = RawArticle.TEXT;
            bodyNode = textBody;
        } else {
            return Ingested.failure(RejectReason.EMPTY_BODY, "line " + n + " of " + file
                    + " has neither html nor text", url, url, outlet, DiscoveredVia.JSONL, excerpt(line), line.length());
        }
        if (!bodyNode.isTextual()) {
            return malformed(line, url, url, "line " + n + " of " + file + ": "
                    + (bodyNode == html ? "html" : "text") + " is not a string");
        }
        Instant publishedAt;
        Instant fetchedAt;
        try {
            publishedAt = JsonFields.time(node, "publishedAt");
            fetchedAt = JsonFields.time(node, "fetchedAt");
        } catch (DateTimeParseException e) {
            return malformed(line, url, url, "line " + n + " of " + file + ": '" + e.getParsedString()
                    + "' is not an ISO-8601 timestamp");
        }
        if (fetchedAt == null) {
            fetchedAt = publishedAt != null ? publishedAt : Instant.now();
        }
        String body = bodyNode.asText();
        String cut = TextDecoding.cutToUtf8Bytes(body, maxBodyBytes);
        return Ingested.article(url, url, outlet, fetchedAt, contentType, cut, DiscoveredVia.JSONL, publishedAt,
                JsonFields.text(node, "title"), cut.length() < body.length());
    }

    private Ingested malformed(LineReader.Line line, String key, String url, String message) {
        return Ingested.failure(RejectReason.MALFORMED_RECORD, message, key, url, null, DiscoveredVia.JSONL,
                excerpt(line), line.length());
    }

    private static boolean isBlank(LineReader.Line line) {
        byte[] b = line.bytes();
        for (int i = 0; i < line.length(); i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && !(line.number() == 1 && i < 3 && hasBom(line))) {
                return false;
            }
        }
        return !line.oversized();
    }

    private static boolean hasBom(LineReader.Line line) {
        byte[] b = line.bytes();
        return line.length() >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }

    private static String excerpt(LineReader.Line line) {
        return new String(line.bytes(), 0, Math.min(line.length(), EXCERPT_BYTES), StandardCharsets.UTF_8);
    }

    @Override
    protected void doClose() {
        try {
            if (stream != null) {
                stream.close();
            } else if (counter != null) {
                counter.close();
            }
        } catch (IOException e) {
            // nothing useful to do; the file was only read
        }
    }
}
