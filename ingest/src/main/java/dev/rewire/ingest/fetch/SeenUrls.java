package dev.rewire.ingest.fetch;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.ArticleIds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded memory of the page URLs already fetched in this process (normalised with
 * {@link ArticleIds#normalise(String)}; least recently seen forgotten first). Thread-safe.
 *
 * <p>Exists so that polling a URL list (or, later, a feed) repeatedly fetches each page once, in constant
 * memory. Share one instance between the successive {@link UrlListSource}s of one list.
 */
public final class SeenUrls {

    private final int capacity;
    private final Map<String, Boolean> seen;

    /** A memory of at most {@code capacity} URLs. */
    public SeenUrls(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > SeenUrls.this.capacity;
            }
        };
    }

    /** A memory sized by {@code ingest.rememberedUrls} (default 100000). */
    public static SeenUrls fromConfig(RewireConfig cfg) {
        return new SeenUrls(cfg.isSet("ingest.rememberedUrls") ? cfg.getInt("ingest.rememberedUrls") : 100_000);
    }

    /** Remembers {@code url}; true when it was not remembered before. */
    public synchronized boolean add(String url) {
        return seen.put(ArticleIds.normalise(url), Boolean.TRUE) == null;
    }

    /** True when {@code url} is remembered (counts as a use). */
    public synchronized boolean contains(String url) {
        return seen.get(ArticleIds.normalise(url)) != null;
    }

    /** Forgets {@code url}, so it will be fetched again. */
    public synchronized void forget(String url) {
        seen.remove(ArticleIds.normalise(url));
    }

    /** How many URLs are remembered. */
    public synchronized int size() {
        return seen.size();
    }
}
