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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * clean-up pass every {@code enrich.cleanupInterval} (wall clock) deletes them and their postings relative
 * to the latest event time processed, memberships and content hashes older than the horizon once their
 * story is gone, and the document frequencies of rare terms unseen for a horizon
 * ({@link StoryAssigner#forgettable}). A pass advances {@value #SWEEP_ENTRIES_PER_TICK} entries per second
 * ({@link IndexSweep}), so a large index is cleaned in many short pauses instead of one long one.
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
    /** How often a clean-up pass under way advances (wall clock). */
    static final Duration SWEEP_TICK = Duration.ofSeconds(1);
    /** Index entries a clean-up tick reads at most: a short pause of the stream thread, not a stall. */
    static final int SWEEP_ENTRIES_PER_TICK = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(StoryProcessor.class);

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
    private IndexSweep sweep;
    private boolean sweeping;
    private long passStartWall;
    private long nextPassWall;
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
        sweep = new IndexSweep(states, articles, hashes, df, postings);
        if (!cleanupInterval.isZero() && !cleanupInterval.isNegative()) {
            nextPassWall = context.currentSystemTimeMs() + cleanupInterval.toMillis();
            context.schedule(cleanupInterval.compareTo(SWEEP_TICK) < 0 ? cleanupInterval : SWEEP_TICK,
                    PunctuationType.WALL_CLOCK_TIME, this::sweepTick);
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

    /**
     * One clean-up tick: starts a pass when the last one started at least {@code enrich.cleanupInterval} ago,
     * and advances the pass under way by at most {@value #SWEEP_ENTRIES_PER_TICK} entries.
     */
    private void sweepTick(long now) {
        if (latestEventMillis == Long.MIN_VALUE || (!sweeping && now < nextPassWall)) {
            return;  // nothing processed since start-up (no notion of "now" in event time yet), or not due
        }
        if (!sweeping) {
            sweeping = true;
            passStartWall = now;
            nextPassWall = now + cleanupInterval.toMillis();
        }
        long start = System.nanoTime();
        boolean ended = sweep.step(cutoff(), SWEEP_ENTRIES_PER_TICK);
        storyMetrics.cleanupTimer().record(Duration.ofNanos(System.nanoTime() - start));
        storyMetrics.cleanupRemoved(sweep.stepRemoved());
        if (ended) {
            sweeping = false;
            passEnded(now - passStartWall);
        }
    }

    /**
     * Ends a clean-up pass at once, for tests: the rest of the pass under way, or a whole new pass when none
     * is. Deletes stories last seen more than the horizon before the latest event time, and what goes with
     * them ({@link IndexSweep}).
     */
    void dropExpired() {
        if (latestEventMillis == Long.MIN_VALUE) {
            return;
        }
        long start = System.currentTimeMillis();
        boolean ended;
        do {  // a step without a budget ends the pass
            ended = sweep.step(cutoff(), Integer.MAX_VALUE);
            storyMetrics.cleanupRemoved(sweep.stepRemoved());
        } while (!ended);
        sweeping = false;
        passEnded(System.currentTimeMillis() - start);
    }

    /** What expired: event times more than the horizon before the latest one processed. */
    private long cutoff() {
        return latestEventMillis - params.horizon().toMillis();
    }

    private void passEnded(long wallMillis) {
        storyMetrics.indexStories(states.approximateNumEntries());
        LOG.info("story index clean-up: {} entries read, {} deleted, in {} ms", sweep.passRead(),
                sweep.passRemoved(), wallMillis);
    }
}
