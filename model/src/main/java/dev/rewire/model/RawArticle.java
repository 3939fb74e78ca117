package dev.rewire.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A page or text as the ingest stage obtained it, before any cleaning: the value of {@code news.raw}.
 *
 * <p>{@code ingestId} identifies this one ingest event (a re-fetch of the same URL gets a new one); every
 * downstream outcome ({@link CleanArticle} or {@link Rejected}) carries it, which is how a replay accounts
 * for every input. {@code publishedAt} and {@code title} are optional hints (from a feed or the input file).
 *
 * @param schemaVersion version of this record's shape
 * @param ingestId      unique id of this ingest event
 * @param url           the URL the article was requested at (also the record key)
 * @param finalUrl      the URL after redirects (equal to {@code url} when there were none)
 * @param outlet        the outlet's name (host name when nothing better is known)
 * @param fetchedAt     when the content was obtained
 * @param contentType   media type of {@code body}: {@code text/html} or {@code text/plain}
 * @param body          the content, decoded to a string
 * @param discoveredVia feed | sitemap | page | warc | file | jsonl
 * @param publishedAt   publication time hint, or null
 * @param title         title hint, or null
 * @param truncated     true when the body was cut at the ingest size cap
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RawArticle(
        int schemaVersion,
        String ingestId,
        String url,
        String finalUrl,
        String outlet,
        Instant fetchedAt,
        String contentType,
        String body,
        String discoveredVia,
        Instant publishedAt,
        String title,
        boolean truncated) {

    public static final int SCHEMA_VERSION = 1;
    public static final String HTML = "text/html";
    public static final String TEXT = "text/plain";

    /** True when {@link #contentType()} says the body is plain text rather than HTML. */
    public boolean isPlainText() {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(TEXT);
    }

    /** The event time of this article: its published time when known, else when it was fetched. */
    public Instant eventTime() {
        return publishedAt != null ? publishedAt : fetchedAt;
    }
}
