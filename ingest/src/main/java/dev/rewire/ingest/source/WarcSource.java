package dev.rewire.ingest.source;

import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.content.CappedBody;
import dev.rewire.ingest.content.TextDecoding;
import dev.rewire.ingest.content.Urls;
import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTML pages of a WARC file ({@code .warc} or {@code .warc.gz}, read with jwarc, streaming).
 *
 * <p>Takes {@code response} records holding an HTTP response with status 200 and an HTML content type
 * ({@code text/html}, {@code application/xhtml+xml}; when the header is missing, the record's
 * {@code WARC-Identified-Payload-Type}); every other record is skipped and counted by reason
 * ({@link #skippedByReason()}). url = {@code WARC-Target-URI}, fetchedAt = {@code WARC-Date}, outlet = the host.
 * The HTTP payload is de-chunked, its gzip/deflate {@code Content-Encoding} decoded, and at most
 * {@code ingest.maxBodyBytes} decoded bytes are kept (more: cut and marked truncated, so a gzip bomb stops at the
 * cap); it is decoded with the charset of the HTTP {@code Content-Type}, else a meta charset in the first 4 KB,
 * else UTF-8. A record that cannot be parsed yields an {@code unreadable-input} failure and reading continues
 * with the next record; if the file itself cannot be read on, one failure ends the source.
 *
 * <p>Exists so web archives (Common Crawl news, own crawls) can be replayed through the pipeline.
 */
public final class WarcSource extends AbstractArticleSource {

    private static final Logger LOG = LoggerFactory.getLogger(WarcSource.class);

    private final Path file;
    private final String fileUri;
    private final long maxBodyBytes;
    private final Map<String, Long> skippedByReason = new TreeMap<>();
    private WarcReader reader;
    private boolean finished;
    private long skipped;
    private long lastPosition;

    /** A source over {@code file}; the file is opened on the first read (an unreadable file yields one failure). */
    public WarcSource(Path file, RewireConfig cfg) {
        this.file = file;
        this.fileUri = file.toAbsolutePath().normalize().toUri().toString();
        this.maxBodyBytes = cfg.getBytes("ingest.maxBodyBytes");
    }

    @Override
    public String description() {
        return "warc " + file;
    }

    /** Offset in the file of the last record read (compressed offset for {@code .warc.gz}). */
    @Override
    public long position() {
        return lastPosition;
    }

    /** Records that yielded nothing: non-response records, non-200 responses, non-HTML payloads. */
    @Override
    public long skipped() {
        return skipped;
    }

    /** {@link #skipped()} by reason, such as {@code type:request}, {@code status:404}, {@code type:image/png}. */
    public Map<String, Long> skippedByReason() {
        return Collections.unmodifiableMap(skippedByReason);
    }

    @Override
    protected Ingested computeNext() {
        if (finished) {
            return null;
        }
        while (true) {
            WarcRecord record;
            try {
                if (reader == null) {
                    reader = new WarcReader(file);
                    reader.setLenient(true);
                    reader.onWarning(message -> LOG.debug("{}: {}", file, message));
                }
                Optional<WarcRecord> next = reader.next();
                if (next.isEmpty()) {
                    finished = true;
                    return null;
                }
                record = next.get();
                lastPosition = reader.position();
            } catch (IOException | RuntimeException e) {
                finished = true;
                String what = reader == null ? "cannot open WARC file " + file
                        : "cannot read WARC file " + file + " after offset " + lastPosition + ", giving up on it";
                return Ingested.failure(RejectReason.UNREADABLE_INPUT, what + ": " + e,
                        fileUri + "#offset=" + lastPosition, null, null, DiscoveredVia.WARC, null, 0);
            }
            Ingested item = convert(record);
            if (item != null) {
                return item;
            }
        }
    }

    /** The item for one record, or null when it is skipped. */
    private Ingested convert(WarcRecord record) {
        if (!(record instanceof WarcResponse response)) {
            return skip("type:" + record.type());
        }
        String url = response.target();
        String key = url != null ? url : fileUri + "#offset=" + lastPosition;
        try {
            MediaType recordType = response.contentType();
            if (!"application".equals(recordType.type()) || !"http".equals(recordType.subtype())) {
                return skip("record-type:" + recordType.base());
            }
            HttpResponse http = response.http();
            if (http.status() != 200) {
                return skip("status:" + http.status());
            }
            String contentType = http.headers().first("Content-Type").orElse(null);
            String base = TextDecoding.baseType(contentType);
            if (base == null) {
                base = response.identifiedPayloadType().map(t -> t.base().toString()).orElse(null);
            }
            if (!TextDecoding.isHtml(base)) {
                return skip("type:" + (base == null ? "none" : base));
            }
            List<String> encodings = http.headers().all("Content-Encoding");
            if (encodings.size() > 1) {
                throw new IOException("multiple Content-Encodings are not supported: " + encodings);
            }
            String encoding = encodings.isEmpty() ? null : encodings.get(0);
            CappedBody body;
            try (InputStream raw = http.body().stream()) {
                body = CappedBody.decode(raw, encoding, maxBodyBytes, false);
            }
            WarcTruncationReason cut = record.truncated();
            boolean truncated = body.truncated() || (cut != null && cut != WarcTruncationReason.NOT_TRUNCATED);
            String text = TextDecoding.decode(body.bytes(), contentType, true, truncated);
            Instant fetchedAt = record.date() != null ? record.date() : Instant.now();
            return Ingested.article(url, url, Urls.defaultOutlet(url), fetchedAt, RawArticle.HTML, text,
                    DiscoveredVia.WARC, null, null, truncated);
        } catch (IOException | RuntimeException e) {
            return Ingested.failure(RejectReason.UNREADABLE_INPUT, "cannot read the WARC response record for "
                            + (url == null ? "an unknown URL" : url) + " at offset " + lastPosition + " of " + file
                            + ": " + e, key, url, url == null ? null : Urls.defaultOutlet(url), DiscoveredVia.WARC,
                    null, 0);
        }
    }

    private Ingested skip(String reason) {
        skipped++;
        skippedByReason.merge(reason, 1L, Long::sum);
        return null;
    }

    @Override
    protected void doClose() {
        if (skipped > 0) {
            LOG.info("{}: skipped {} records that are not HTML 200 responses: {}", file, skipped, skippedByReason);
        }
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // read-only file; nothing to do
            }
        }
    }
}
