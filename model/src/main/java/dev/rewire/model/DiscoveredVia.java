package dev.rewire.model;

/**
 * Where the ingest stage found an article. Kept as string constants, not an enum, so that a newer
 * producer adding a source kind never breaks an older consumer.
 */
public final class DiscoveredVia {
    public static final String FEED = "feed";
    public static final String SITEMAP = "sitemap";
    public static final String PAGE = "page";
    public static final String WARC = "warc";
    public static final String FILE = "file";
    public static final String JSONL = "jsonl";

    private DiscoveredVia() {
    }
}
