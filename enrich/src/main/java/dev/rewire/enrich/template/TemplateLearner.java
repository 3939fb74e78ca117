package dev.rewire.enrich.template;

import dev.rewire.enrich.extract.Extraction;
import dev.rewire.model.CleanArticle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The decision of template learning, apart from the Streams processor so it can be tested on a plain store.
 *
 * <p>For every block (paragraph) of an article it records a sighting under the outlet ({@code o|outlet|fp})
 * and across outlets ({@code x|fp}), then drops the block when it has been seen in at least
 * {@code minArticles} different articles of the outlet, or in at least {@code minOutlets} different outlets
 * and as many different articles. Articles are told apart by their <em>lead</em>, the fingerprint of their
 * headline (of their longest block when they have none), not by their id: a re-fetch, an updated URL or a
 * syndicated copy of one story carries the same lead and so never makes its own paragraphs look like
 * furniture.
 *
 * <p>An article is never emptied: if every block would go, it is left as it is. Not thread-safe (one per
 * stream task, like its store).
 */
public final class TemplateLearner {

    /** Boilerplate count key: blocks dropped as the outlet's template. */
    public static final String OUTLET_RULE = "template-outlet";
    /** Boilerplate count key: blocks dropped as furniture shared by many outlets. */
    public static final String CROSS_OUTLET_RULE = "template-cross-outlet";

    private static final char SEP = '\u0001';

    private final KeyValueStore<String, BlockSightings> store;
    private final TemplateParams params;

    public TemplateLearner(KeyValueStore<String, BlockSightings> store, TemplateParams params) {
        this.store = store;
        this.params = params;
    }

    /** {@code article} with its template blocks removed (the same instance when nothing is removed). */
    public CleanArticle apply(CleanArticle article, long eventTimeMillis) {
        if (!params.enabled() || article.text() == null || article.text().isBlank()) {
            return article;
        }
        String outlet = article.outlet() == null ? "" : article.outlet();
        String[] blocks = article.text().split("\n\n");
        Map<String, String> fingerprints = new LinkedHashMap<>();
        String lead = null;
        int leadLength = -1;
        for (String block : blocks) {
            String fp = BlockFingerprint.of(block);
            if (fp != null) {
                fingerprints.putIfAbsent(block, fp);
                if (block.length() > leadLength) {
                    lead = fp;
                    leadLength = block.length();
                }
            }
        }
        if (lead == null) {
            return article;
        }
        String titleFingerprint = article.title() == null ? null : BlockFingerprint.of(article.title());
        if (titleFingerprint != null) {
            lead = "t" + titleFingerprint; // the headline names the story better than any block of it
        }
        long expiry = eventTimeMillis - params.horizon().toMillis();
        Map<String, Integer> removed = new TreeMap<>();
        List<String> kept = new ArrayList<>(blocks.length);
        Set<String> seenHere = new HashSet<>();
        for (String block : blocks) {
            String fp = fingerprints.get(block);
            if (fp == null) {
                kept.add(block);
                continue;
            }
            boolean first = seenHere.add(fp); // a block repeated inside one article counts once
            BlockSightings own = sight("o|" + outlet + SEP + fp, lead, eventTimeMillis, expiry,
                    params.minArticles(), first);
            BlockSightings cross = sight("x|" + fp, outlet + SEP + lead, eventTimeMillis, expiry,
                    2 * params.minOutlets(), first);
            if (own.count() >= params.minArticles()) {
                removed.merge(OUTLET_RULE, 1, Integer::sum);
            } else if (Extraction.countWords(block) >= params.minCrossOutletWords()
                    && crossCount(cross) >= params.minOutlets()) {
                removed.merge(CROSS_OUTLET_RULE, 1, Integer::sum);
            } else {
                kept.add(block);
            }
        }
        if (removed.isEmpty() || kept.isEmpty()) {
            return article;
        }
        String text = String.join("\n\n", kept);
        Map<String, Integer> boilerplate = new TreeMap<>(article.boilerplate() == null ? Map.of() : article.boilerplate());
        removed.forEach((rule, n) -> boilerplate.merge(rule, n, Integer::sum));
        return new CleanArticle(article.schemaVersion(), article.id(), article.ingestId(), article.url(),
                article.canonicalUrl(), article.outlet(), article.title(), article.byline(), article.publishedAt(),
                article.fetchedAt(), article.language(), text, Extraction.countWords(text), article.storyId(),
                article.relation(), article.duplicateOf(), article.similarity(), boilerplate);
    }

    private BlockSightings sight(String key, String who, long at, long expiry, int cap, boolean record) {
        BlockSightings current = store.get(key);
        if (current == null || current.lastSeen() < expiry) {
            current = new BlockSightings(List.of(), Long.MIN_VALUE);
        }
        if (!record) {
            return current;
        }
        BlockSightings next = current.with(who, at, cap);
        if (next != current) {
            store.put(key, next);
        }
        return next;
    }

    /** Distinct outlets, but no more than the distinct leads: one story syndicated widely is not furniture. */
    private static int crossCount(BlockSightings cross) {
        Set<String> outlets = new HashSet<>();
        Set<String> leads = new HashSet<>();
        for (String s : cross.seenBy()) {
            int i = s.indexOf(SEP);
            outlets.add(s.substring(0, i));
            leads.add(s.substring(i + 1));
        }
        return Math.min(outlets.size(), leads.size());
    }

    /** Deletes entries last seen before {@code expiry}; returns how many. */
    public int expire(long expiry) {
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, BlockSightings> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                if (kv.value == null || kv.value.lastSeen() < expiry) {
                    stale.add(kv.key);
                }
            }
        }
        stale.forEach(store::delete);
        return stale.size();
    }
}
