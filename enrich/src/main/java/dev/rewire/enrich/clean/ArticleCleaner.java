package dev.rewire.enrich.clean;

import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.enrich.extract.ArticleExtractor;
import dev.rewire.enrich.extract.Extraction;
import dev.rewire.enrich.extract.SafeText;
import dev.rewire.enrich.extract.TimeBudget;
import dev.rewire.model.ArticleIds;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import dev.rewire.model.Rejected;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns the bytes of one {@code news.raw} record into a {@link CleanOutcome}. Exists apart from the
 * Streams processor so the whole validation-and-extraction policy can be tested as a plain function.
 *
 * <p>Checks, in order: a value at all and valid RawArticle JSON ({@code malformed-record}), a URL
 * ({@code missing-url}), a non-blank body ({@code empty-body}), the size limit, checked before any parsing
 * ({@code too-large}), text rather than binary data ({@code binary-content}), a URL of at most
 * {@value #MAX_URL_CHARS}, an outlet name of at most {@value #MAX_OUTLET_CHARS} and an ingest id of at most
 * {@value #MAX_INGEST_ID_CHARS} characters ({@code malformed-record}); then extraction ({@link SafeText} first: no control characters, no endless
 * combining marks), where any exception becomes {@code processing-error}; then at least {@code minWords}
 * words of cleaned text ({@code no-article}), and a cleaned article small enough for a record
 * ({@code too-large}). What the page itself claims is bounded: a title is cut at {@value #MAX_TITLE_CHARS}
 * characters and a byline at {@value #MAX_BYLINE_CHARS}, and a canonical URL or site name longer than the
 * limits above is ignored (the fetched URL, the host stand in). A publication time the page claims that cannot be true (before 1900, or more than a
 * day after the fetch) is dropped, so the event time falls back to the fetch time; a fetch time after both
 * the record's time and now is replaced by the record's time. Thread-safe when the extractor is.
 */
public final class ArticleCleaner {

    /** The stage name written into rejections. */
    public static final String STAGE = "enrich";

    /** Longest URL accepted (browsers and servers commonly stop at 8 to 16 KB). */
    static final int MAX_URL_CHARS = 16 * 1024;
    /** Longest outlet name accepted (a host name has at most 253 characters). */
    static final int MAX_OUTLET_CHARS = 1_000;
    /** Longest ingest id accepted (Rewire's own are 36-character UUIDs). */
    static final int MAX_INGEST_ID_CHARS = 200;
    /** Where a page's title is cut: it also names the story in every news.stories record. */
    static final int MAX_TITLE_CHARS = 2_000;
    static final int MAX_BYLINE_CHARS = 1_000;
    /**
     * Largest cleaned article, as JSON: the records that carry it (the by-outlet repartition, news.clean,
     * the story index with its fingerprint) must stay under {@link dev.rewire.enrich.EnrichTopology#MAX_RECORD_BYTES}.
     */
    static final int MAX_ARTICLE_BYTES = dev.rewire.enrich.EnrichTopology.MAX_RECORD_BYTES - 1024 * 1024;

    /** Earliest fetch or publication time believed: older dates are typos or placeholders, not news. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** Latest fetch time believed (an upper bound that keeps epoch milliseconds far from overflow). */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** How far a publication time may lie after the fetch: time zones written wrong, clocks that drift. */
    static final java.time.Duration PUBLICATION_SKEW = java.time.Duration.ofDays(1);

    /** Share of control characters (in the sampled prefix) above which a body counts as binary. */
    private static final double MAX_CONTROL_SHARE = 0.10;
    private static final int BINARY_SAMPLE = 64 * 1024;

    private final ArticleExtractor extractor;
    private final long maxBodyChars;
    private final long budgetMillis;
    private final int minWords;
    private final EnrichMetrics metrics;
    private final Clock clock;

    /**
     * @param extractor    turns a valid input into paragraphs and metadata
     * @param maxBodyChars bodies longer than this are rejected before parsing
     * @param minWords     cleaned texts with fewer words are rejected (at least 1 is always required)
     * @param metrics      where the extraction time is recorded
     * @param clock        the time written into rejections
     */
    public ArticleCleaner(ArticleExtractor extractor, long maxBodyChars, int minWords, EnrichMetrics metrics,
                          Clock clock) {
        this(extractor, maxBodyChars, minWords, 0, metrics, clock);
    }

    /**
     * As above, with a per-page time budget: extraction that runs longer than {@code budgetMillis} (0: no
     * limit) stops and the input is rejected as {@code unparseable}.
     */
    public ArticleCleaner(ArticleExtractor extractor, long maxBodyChars, int minWords, long budgetMillis,
                          EnrichMetrics metrics, Clock clock) {
        this.budgetMillis = budgetMillis;
        this.extractor = extractor;
        this.maxBodyChars = maxBodyChars;
        this.minWords = Math.max(1, minWords);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Cleans one record; never throws for any input bytes. */
    public CleanOutcome clean(String key, byte[] value, long recordTimestamp) {
        if (value == null) {
            return reject(RejectReason.MALFORMED_RECORD, "the record has no value", key, null, null);
        }
        RawArticle raw;
        try {
            raw = Json.mapper().readValue(value, RawArticle.class);
        } catch (Exception e) {
            return reject(RejectReason.MALFORMED_RECORD, "not a valid RawArticle: " + firstLine(e.getMessage()),
                    key, null, new String(value, StandardCharsets.UTF_8));
        }
        if (raw == null) {
            return reject(RejectReason.MALFORMED_RECORD, "the record is JSON null", key, null, "null");
        }
        String url = firstNonBlank(raw.url(), raw.finalUrl());
        if (url == null) {
            return reject(RejectReason.MISSING_URL, "the record has no url", key, raw, raw.body());
        }
        String body = raw.body();
        if (body == null || body.isBlank()) {
            return reject(RejectReason.EMPTY_BODY, "the body is empty", key, raw, body);
        }
        if (body.length() > maxBodyChars) {
            return reject(RejectReason.TOO_LARGE, "the body has " + body.length() + " characters, more than the limit of "
                    + maxBodyChars + " (enrich.maxBodyChars)", key, raw, body);
        }
        if (looksBinary(body)) {
            return reject(RejectReason.BINARY_CONTENT, "the body looks like binary data, not text", key, raw, body);
        }
        if (url.length() > MAX_URL_CHARS) {
            return reject(RejectReason.MALFORMED_RECORD, "the URL has " + url.length() + " characters, more than "
                    + MAX_URL_CHARS, key, raw, body);
        }
        if (raw.outlet() != null && raw.outlet().length() > MAX_OUTLET_CHARS) {
            return reject(RejectReason.MALFORMED_RECORD, "the outlet name has " + raw.outlet().length()
                    + " characters, more than " + MAX_OUTLET_CHARS, key, raw, body);
        }
        if (raw.ingestId() != null && raw.ingestId().length() > MAX_INGEST_ID_CHARS) {
            return reject(RejectReason.MALFORMED_RECORD, "the ingestId has " + raw.ingestId().length()
                    + " characters, more than " + MAX_INGEST_ID_CHARS, key, raw, body);
        }
        raw = new RawArticle(raw.schemaVersion(), raw.ingestId(), url, raw.finalUrl(), raw.outlet(), raw.fetchedAt(),
                raw.contentType(), SafeText.of(body), raw.discoveredVia(), raw.publishedAt(), SafeText.of(raw.title()),
                raw.truncated());
        Extraction extraction;
        long start = System.nanoTime();
        TimeBudget.start(budgetMillis);
        try {
            extraction = extractor.extract(raw);
        } catch (TimeBudget.Exceeded e) {
            return reject(RejectReason.UNPARSEABLE, e.getMessage() + " (enrich.pageTimeBudget)", key, raw, body);
        } catch (RuntimeException | StackOverflowError e) {
            return reject(RejectReason.PROCESSING_ERROR, "extraction failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), key, raw, body);
        } finally {
            TimeBudget.clear();
            metrics.extractTimer().record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        int words = extraction.wordCount();
        if (words < minWords) {
            return reject(RejectReason.NO_ARTICLE, "the cleaned text has " + words + " words, fewer than "
                    + minWords + " (enrich.minWords)", key, raw, body);
        }
        String canonical = firstNonBlank(within(extraction.canonicalUrl(), MAX_URL_CHARS), url);
        String id = ArticleIds.fromCanonicalUrl(canonical);
        Instant fetchedAt = plausibleFetchTime(raw.fetchedAt(), recordTimestamp, clock.instant());
        String outlet = firstNonBlank(raw.outlet(),
                firstNonBlank(within(extraction.siteName(), MAX_OUTLET_CHARS), host(canonical)));
        CleanArticle article = new CleanArticle(CleanArticle.SCHEMA_VERSION, id, raw.ingestId(), url, canonical,
                outlet, cut(SafeText.of(extraction.title()), MAX_TITLE_CHARS),
                cut(SafeText.of(extraction.byline()), MAX_BYLINE_CHARS),
                plausiblePublicationTime(extraction.publishedAt(), fetchedAt), fetchedAt,
                extraction.language(), SafeText.of(extraction.text()), words, null, null, null, null,
                extraction.boilerplate());
        if (length(article.text()) + length(article.title()) + length(article.byline()) > MAX_ARTICLE_BYTES / 16) {
            // only long texts (or titles, or bylines) can outgrow a record
            int bytes = Json.write(article).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_ARTICLE_BYTES) {
                return reject(RejectReason.TOO_LARGE, "the cleaned article is " + bytes + " bytes of JSON, more than "
                        + MAX_ARTICLE_BYTES + " (a record must stay under the topics' limit)", key, raw, body);
            }
        }
        return CleanOutcome.clean(article);
    }

    /**
     * The fetch time, or the record's timestamp (within {@link #EARLIEST} to {@link #LATEST}) when there is
     * none or it cannot be true: before {@link #EARLIEST}, or more than {@link #PUBLICATION_SKEW} after both
     * the record's timestamp and {@code now} (a producer that wrote nonsense; a fetch time of 9999 would
     * become the stream's event time, and every state kept relative to it would expire at once).
     */
    static Instant plausibleFetchTime(Instant fetchedAt, long recordTimestamp, Instant now) {
        Instant recorded = Instant.ofEpochMilli(recordTimestamp);
        recorded = recorded.isBefore(EARLIEST) ? EARLIEST : recorded.isAfter(LATEST) ? LATEST : recorded;
        Instant latest = (recorded.isAfter(now) ? recorded : now).plus(PUBLICATION_SKEW);
        return fetchedAt != null && !fetchedAt.isBefore(EARLIEST) && !fetchedAt.isAfter(latest) ? fetchedAt : recorded;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /**
     * The publication time a page or feed claims, or none when it is before {@link #EARLIEST} or more than
     * {@link #PUBLICATION_SKEW} after the fetch. The claim is input: a page dated 2999 would otherwise become
     * the stream's latest event time, and every state the stages keep relative to it (stories, templates)
     * would expire at once; a year in the millions would overflow epoch milliseconds. Without it the
     * article's event time is its fetch time.
     */
    static Instant plausiblePublicationTime(Instant publishedAt, Instant fetchedAt) {
        if (publishedAt == null || publishedAt.isBefore(EARLIEST) || publishedAt.isAfter(fetchedAt.plus(PUBLICATION_SKEW))) {
            return null;
        }
        return publishedAt;
    }

    /** True for a NUL anywhere, or too many control or replacement characters in the first 64 K. */
    static boolean looksBinary(String body) {
        if (body.indexOf('\0') >= 0) {
            return true;
        }
        int n = Math.min(body.length(), BINARY_SAMPLE);
        int suspicious = 0;
        for (int i = 0; i < n; i++) {
            char c = body.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
                    || (c >= 0x7f && c <= 0x9f) || c == '\uFFFD';
            if (control) {
                suspicious++;
            }
        }
        return n > 0 && suspicious > n * MAX_CONTROL_SHARE;
    }

    private CleanOutcome reject(RejectReason reason, String message, String key, RawArticle raw, String input) {
        Rejected r = Rejected.of(STAGE, reason, message, key,
                raw == null ? null : raw.ingestId(),
                raw == null ? null : firstNonBlank(raw.url(), raw.finalUrl()),
                raw == null ? null : raw.outlet(),
                raw == null ? null : raw.discoveredVia(),
                input, clock.instant());
        return CleanOutcome.rejected(r);
    }

    private static String host(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code s} when it has at most {@code max} characters, else null (a page's claim too long to be true). */
    private static String within(String s, int max) {
        return s == null || s.length() <= max ? s : null;
    }

    /** The first {@code max} characters of {@code s} (not splitting a surrogate pair), trimmed. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end).strip();
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b != null && !b.isBlank() ? b.strip() : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
