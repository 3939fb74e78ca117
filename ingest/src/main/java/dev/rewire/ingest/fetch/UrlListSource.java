package dev.rewire.ingest.fetch;

import dev.rewire.ingest.source.AbstractArticleSource;
import dev.rewire.ingest.source.Ingested;
import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.RejectReason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages of a plain-text URL list served over HTTP: one URL a line (relative URLs resolved against the
 * list's URL), blank lines and lines starting with {@code #} ignored. Each URL not yet in the shared
 * {@link SeenUrls} is fetched with the {@link PageFetcher} and yields an article ({@code discoveredVia = page})
 * or a failure; URLs seen before are skipped. A URL is remembered once attempted, whatever the outcome (retries
 * belong to the later scraper). If the list itself cannot be fetched the source yields one failure and ends.
 *
 * <p>Exists as the demo's discovery mechanism until feeds and sitemaps arrive: poll a list by creating a new
 * source over it every interval, passing the same {@link SeenUrls}, so only new pages are fetched.
 */
public final class UrlListSource extends AbstractArticleSource {

    private static final Logger LOG = LoggerFactory.getLogger(UrlListSource.class);

    private final URI listUrl;
    private final PageFetcher fetcher;
    private final Function<String, String> outletOf;
    private final SeenUrls seen;
    private Iterator<String> lines;
    private long lineNumber;
    private long skipped;

    /**
     * A source over the list at {@code listUrl}; nothing is fetched before the first {@link #hasNext()}.
     *
     * @param outletOf the outlet of a page URL; a null result means the URL's host
     * @param seen     the URLs already fetched, shared between successive polls of the list
     */
    public UrlListSource(URI listUrl, PageFetcher fetcher, Function<String, String> outletOf, SeenUrls seen) {
        this.listUrl = listUrl;
        this.fetcher = fetcher;
        this.outletOf = outletOf == null ? url -> null : outletOf;
        this.seen = seen;
    }

    @Override
    public String description() {
        return "url list " + listUrl;
    }

    /** Lines of the list handled so far. */
    @Override
    public long position() {
        return lineNumber;
    }

    /** URLs passed over because they were fetched before. */
    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    protected boolean logsFailures() {
        return false; // the fetcher logs its failures; this class logs its own
    }

    @Override
    protected Ingested computeNext() {
        if (lines == null) {
            try {
                lines = fetcher.fetch(listUrl).text().lines().iterator();
            } catch (FetchException e) {
                lines = java.util.Collections.emptyIterator();
                LOG.warn("cannot fetch the URL list [{}] {}", e.reason().code(), e.getMessage());
                return Ingested.failure(e.reason(), "cannot fetch the URL list: " + e.getMessage(),
                        listUrl.toString(), listUrl.toString(), null, DiscoveredVia.PAGE, null, 0);
            }
        }
        while (lines.hasNext()) {
            String line = lines.next().strip();
            lineNumber++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String url;
            try {
                url = listUrl.resolve(new URI(line)).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                String message = "line " + lineNumber + " of the URL list " + listUrl + " is not a URL: " + line;
                LOG.warn("input rejected [{}] {}", RejectReason.MALFORMED_RECORD.code(), message);
                return Ingested.failure(RejectReason.MALFORMED_RECORD, message, listUrl + "#line=" + lineNumber,
                        null, null, DiscoveredVia.PAGE, line, line.length());
            }
            if (!seen.add(url)) {
                skipped++;
                continue;
            }
            return fetcher.fetchArticle(url, outletOf.apply(url), DiscoveredVia.PAGE);
        }
        return null;
    }

    @Override
    protected void doClose() {
        lines = java.util.Collections.emptyIterator();
    }
}
