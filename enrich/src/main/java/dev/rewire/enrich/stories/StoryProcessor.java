package dev.rewire.enrich.stories;

import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.model.CleanArticle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The "stories" node: runs on the single partition of {@code by-story-index}, so one index sees every
 * article whatever the number of partitions of {@code news.raw}. Assigns each article with a
 * {@link StoryAssigner} over six state stores and emits, re-keyed, the article with its story fields
 * ({@link CleanArticle}, by article id), a {@link dev.rewire.model.RewriteEvent} when it joins a story (by
 * article id) and the story's new state ({@link dev.rewire.model.Story}, by story id).
 *
 * <p>Event-time order: articles from different upstream partitions arrive interleaved by accident, so with
 * {@code stories.reorderWait} > 0 they first wait in the {@value #BUFFER} store (keyed by event time, so
 * iteration is event-time order) and are assigned in event-time order once no article has arrived for
 * that long (wall clock), after {@value #MAX_HOLD_SECONDS} s at most, or when {@value #MAX_BUFFERED}
 * wait. Each release is assigned in event-time order, so a burst that fits in one release (such as the
 * benchmark replays) is decided the same whatever the partitioning. A longer burst is ordered release by
 * release: an upstream partition lagging behind the others by more than a release can still have some
 * of its articles decided after later ones (a per-partition watermark would close that; not built). The
 * buffer is a changelogged store, so nothing waiting is lost on a crash.
 *
 * <p>Retention: stories last seen more than {@code stories.horizon} before an article are ignored, and a
 * wall-clock punctuator deletes them and their postings relative to the latest event time processed, and
 * memberships and content hashes older than the horizon once their story is gone, and the document
 * frequencies of rare terms unseen for a horizon ({@link StoryAssigner#forgettable}).
 */
public final class StoryProcessor implements Processor<String, FingerprintedArticle, String, Object> {

    public static final String DF = "story-df";
    public static final String POSTINGS = "story-postings";
    public static final String STATES = "story-states";
    public static final String ARTICLES = "story-articles";
    public static final String HASHES = "story-hashes";
    public static final String BUFFER = "story-reorder-buffer";
    /** Every store of the node, for wiring. */
    public static final String[] STORES = {DF, POSTINGS, STATES, ARTICLES, HASHES, BUFFER};

    static final int MAX_HOLD_SECONDS = 30;
    static final int MAX_BUFFERED = 10_000;
    private static final int MAX_DELETES_PER_PUNCTUATION = 100_000;

    private final StoryParams params;
    private final Duration cleanupInterval;
    private final EnrichMetrics metrics;
    private final StoryMetrics storyMetrics;
    private ProcessorContext<String, Object> context;
    private StoryAssigner assigner;
    private KeyValueStore<String, byte[]> df;
    private KeyValueStore<String, byte[]> states;
    private KeyValueStore<String, byte[]> postings;
    private KeyValueStore<String, byte[]> articles;
    private KeyValueStore<String, byte[]> hashes;
    private KeyValueStore<String, FingerprintedArticle> buffer;
    private long buffered;
    private long lastArrivalWall;
    private long firstBufferedWall;
    private long latestEventMillis = Long.MIN_VALUE;
    private long assignedSinceGauge;

    public StoryProcessor(StoryParams params, Duration cleanupInterval, EnrichMetrics metrics, StoryMetrics storyMetrics) {
        this.params = params;
        this.cleanupInterval = cleanupInterval;
        this.metrics = metrics;
        this.storyMetrics = storyMetrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        df = context.getStateStore(DF);
        postings = context.getStateStore(POSTINGS);
        states = context.getStateStore(STATES);
        articles = context.getStateStore(ARTICLES);
        hashes = context.getStateStore(HASHES);
        buffer = context.getStateStore(BUFFER);
        assigner = new StoryAssigner(params, new StoreTable(df), new StoreTable(postings), new StoreTable(states),
                new StoreTable(articles), new StoreTable(hashes));
        try (KeyValueIterator<String, FingerprintedArticle> it = buffer.all()) {
            while (it.hasNext()) {
                it.next();
                buffered++;
            }
        }
        firstBufferedWall = context.currentSystemTimeMs();
        storyMetrics.indexStories(states.approximateNumEntries());
        if (!params.reorderWait().isZero()) {
            Duration tick = params.reorderWait().dividedBy(4);
            context.schedule(tick.toMillis() < 20 ? Duration.ofMillis(20) : tick, PunctuationType.WALL_CLOCK_TIME,
                    this::maybeDrain);
        }
        if (!cleanupInterval.isZero() && !cleanupInterval.isNegative()) {
            context.schedule(cleanupInterval, PunctuationType.WALL_CLOCK_TIME, now -> dropExpired());
        }
    }

    @Override
    public void process(Record<String, FingerprintedArticle> record) {
        FingerprintedArticle fa = record.value();
        if (fa == null || fa.article() == null) {
            return;
        }
        if (params.reorderWait().isZero()) {
            assign(fa);
            return;
        }
        long now = context.currentSystemTimeMs();
        if (buffered == 0) {
            firstBufferedWall = now;
        }
        lastArrivalWall = now;
        String key = bufferKey(fa);
        if (buffer.get(key) == null) {  // the same input again (a redelivery) replaces its entry
            buffered++;
        }
        buffer.put(key, fa);
        storyMetrics.buffered(buffered);
        if (buffered >= MAX_BUFFERED) {
            drain();
        }
    }

    /** Zero-padded event time, then the article and ingest ids: store order is event-time order. */
    static String bufferKey(FingerprintedArticle fa) {
        String time = Long.toUnsignedString(fa.eventMillis() ^ Long.MIN_VALUE);  // sign flipped: unsigned order
        return "0".repeat(20 - time.length()) + time + "|" + fa.article().id() + "|" + fa.article().ingestId();
    }

    private void maybeDrain(long now) {
        if (buffered > 0 && (now - lastArrivalWall >= params.reorderWait().toMillis()
                || now - firstBufferedWall >= MAX_HOLD_SECONDS * 1000L)) {
            drain();
        }
    }

    private void drain() {
        List<KeyValue<String, FingerprintedArticle>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, FingerprintedArticle> it = buffer.all()) {
            while (it.hasNext()) {
                waiting.add(it.next());
            }
        }
        for (KeyValue<String, FingerprintedArticle> kv : waiting) {
            buffer.delete(kv.key);
            assign(kv.value);
        }
        buffered = 0;
        storyMetrics.buffered(0);
    }

    private void assign(FingerprintedArticle fa) {
        long eventMillis = fa.eventMillis();
        latestEventMillis = Math.max(latestEventMillis, eventMillis);
        long start = System.nanoTime();
        StoryAssigner.Decision d = assigner.assign(fa.article(), fa.fingerprint(), eventMillis);
        storyMetrics.assignTimer().record(Duration.ofNanos(System.nanoTime() - start));
        if (!d.refetch()) {
            storyMetrics.candidates(d.candidates());
        }
        if (d.newStory()) {
            metrics.newStory();
        }
        metrics.relation(d.article().relation());
        long ts = fa.timestamp();
        context.forward(new Record<>(d.article().id(), (Object) d.article(), ts));
        if (d.event() != null) {
            context.forward(new Record<>(d.article().id(), (Object) d.event(), ts));
        }
        if (d.story() != null) {
            context.forward(new Record<>(d.story().storyId(), (Object) d.story(), ts));
        }
        if (++assignedSinceGauge >= 1000) {
            assignedSinceGauge = 0;
            storyMetrics.indexStories(states.approximateNumEntries());
        }
    }

    /** Deletes stories, postings, memberships and hashes older than the horizon before the latest event time. */
    void dropExpired() {
        if (latestEventMillis == Long.MIN_VALUE) {
            return;  // nothing processed since start-up: no notion of "now" in event time yet
        }
        long cutoff = latestEventMillis - params.horizon().toMillis();
        int budget = MAX_DELETES_PER_PUNCTUATION;
        budget -= sweep(states, budget, v -> StoryState.decode(v).lastSeenAt < cutoff);
        // A membership or content hash outlives the horizon while its story is live: a re-fetch of an early
        // member must still be recognised, and a late verbatim copy still be an exact one.
        budget -= sweep(articles, budget, v -> expired(Membership.decode(v), cutoff));
        budget -= sweep(hashes, budget, v -> expired(Membership.decode(v), cutoff));
        budget -= sweep(df, budget, v -> StoryAssigner.forgettable(v, cutoff));
        List<KeyValue<String, byte[]>> rewrites = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = postings.all()) {
            while (it.hasNext() && rewrites.size() < budget) {
                KeyValue<String, byte[]> kv = it.next();
                Postings p = Postings.decode(kv.value);
                if (p.expire(cutoff)) {
                    rewrites.add(KeyValue.pair(kv.key, p.entries.isEmpty() ? null : p.encode()));
                }
            }
        }
        rewrites.forEach(kv -> {
            if (kv.value == null) {
                postings.delete(kv.key);
            } else {
                postings.put(kv.key, kv.value);
            }
        });
        storyMetrics.indexStories(states.approximateNumEntries());
    }

    private boolean expired(Membership m, long cutoff) {
        return m.eventMillis() < cutoff && states.get(m.storyId()) == null;
    }

    private static int sweep(KeyValueStore<String, byte[]> store, int budget, java.util.function.Predicate<byte[]> expired) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext() && keys.size() < budget) {
                KeyValue<String, byte[]> kv = it.next();
                if (kv.value == null || expired.test(kv.value)) {
                    keys.add(kv.key);
                }
            }
        }
        keys.forEach(store::delete);
        return keys.size();
    }
}
