package dev.rewire.ingest.source;

import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import dev.rewire.model.Rejected;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One input as the ingest stage saw it: either an {@link Article} bound for {@code news.raw}, or a
 * {@link Failure} bound for {@code news.rejected} because the input could not even be turned into a
 * {@link RawArticle} (malformed JSONL line, unreadable file, corrupt WARC record, failed fetch).
 *
 * <p>Exists so that sources never throw for bad input and never drop it silently: every input yields exactly
 * one item, and both kinds carry a fresh {@code ingestId} so a replay can account for all of them.
 */
public sealed interface Ingested permits Ingested.Article, Ingested.Failure {

    /** The {@code stage} of every rejection made by the ingest module. */
    String STAGE = "ingest";

    /**
     * How far in the future a fetch time given by an input (a JSONL field, a WARC date) may lie before it is
     * replaced by the time of reading: a year-9999 fetch would become the stream's event time, and every
     * state the enrich stages expire relative to it (stories, templates) would be dropped at once.
     */
    java.time.Duration MAX_CLOCK_SKEW = java.time.Duration.ofDays(1);

    /** The Kafka record key: the article URL, or the rejection's input key. */
    String key();

    /** The unique id of this ingest event. */
    String ingestId();

    /** How the input was found (file, jsonl, warc, page, …). */
    String discoveredVia();

    /**
     * An input that became a {@link RawArticle}.
     *
     * @param article the article, bound for {@code news.raw}
     */
    record Article(RawArticle article) implements Ingested {
        public Article {
            Objects.requireNonNull(article, "article");
        }

        @Override
        public String key() {
            return article.url();
        }

        @Override
        public String ingestId() {
            return article.ingestId();
        }

        @Override
        public String discoveredVia() {
            return article.discoveredVia();
        }
    }

    /**
     * An input that could not be turned into a {@link RawArticle}; stage {@value #STAGE}.
     *
     * @param rejected the rejection, bound for {@code news.rejected}
     */
    record Failure(Rejected rejected) implements Ingested {
        public Failure {
            Objects.requireNonNull(rejected, "rejected");
        }

        @Override
        public String key() {
            return rejected.inputKey();
        }

        @Override
        public String ingestId() {
            return rejected.ingestId();
        }

        @Override
        public String discoveredVia() {
            return rejected.discoveredVia();
        }

        /** The stable reason code. */
        public RejectReason reason() {
            return rejected.reason().code();
        }

        /** The human message. */
        public String message() {
            return rejected.reason().message();
        }
    }

    /**
     * A new article with a fresh ingest id and the current schema version; {@code finalUrl} defaults to
     * {@code url} when null.
     */
    static Article article(String url, String finalUrl, String outlet, Instant fetchedAt, String contentType,
                           String body, String discoveredVia, Instant publishedAt, String title, boolean truncated) {
        Instant now = Instant.now();
        if (fetchedAt == null || fetchedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            fetchedAt = now;  // a fetch cannot lie in the future: a file's claim of one is not believed
        }
        return new Article(new RawArticle(RawArticle.SCHEMA_VERSION, newIngestId(), url,
                finalUrl == null ? url : finalUrl, outlet, fetchedAt, contentType, body, discoveredVia, publishedAt,
                title, truncated));
    }

    /**
     * A new failure of stage {@value #STAGE} with a fresh ingest id, stamped now.
     *
     * @param inputKey   the record key: the URL when known, else a locator such as {@code file:/x.jsonl#line=7}
     * @param input      the offending input (only an excerpt is kept), or null
     * @param inputBytes the size of the offending input in bytes, or 0 when unknown
     */
    static Failure failure(RejectReason code, String message, String inputKey, String url, String outlet,
                           String discoveredVia, String input, long inputBytes) {
        String excerpt = input == null ? null
                : input.length() <= Rejected.MAX_EXCERPT ? input : input.substring(0, Rejected.MAX_EXCERPT);
        return new Failure(new Rejected(Rejected.SCHEMA_VERSION, inputKey, newIngestId(), STAGE,
                new Rejected.Reason(code, message), Instant.now(), url, outlet, discoveredVia, inputBytes, excerpt));
    }

    /** A fresh random ingest id. */
    static String newIngestId() {
        return UUID.randomUUID().toString();
    }
}
