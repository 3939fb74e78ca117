package dev.rewire.enrich.stories;

import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.model.CleanArticle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
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
 * {@code stories.reorderWait} > 0 they first wait in the {@value #BUFFER} store (keyed by event time, then
 * article id, then arrival offset, so iteration is event-time order and two fetches of one URL keep their
 * arrival order) and are released once no article has arrived for that long (wall clock), after
 * {@value #MAX_HOLD_SECONDS} s at most, or when {@value #MAX_BUFFERED} wait. A release covers what waits
 * when it starts and is assigned in event-time order, in slices of {@value #RELEASE_SLICE_MILLIS} ms at most
 * (the release goes on at the next article or tick), so one call never holds the stream thread (and the
 * exactly-once transaction, whose time-out is 10 s) for the time 10,000 assignments take. A burst that
 * fits in one release (such as the benchmark replays) is decided the same whatever the partitioning. A
 * longer burst is ordered release by release: an upstream partition lagging behind the others by more
 * than a release can still have some of its articles decided after later ones (a per-partition watermark
 * would close that; not built). The buffer is a changelogged store, so nothing waiting is lost on a crash.
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
    /** How long one call releases articles at most (checked after each), and how many it reads at a time. */
    static final int RELEASE_SLICE_MILLIS = 500;
    static final int RELEASE_BATCH = 500;
    /** How often a clean-up pass under way advances (wall clock). */
    static final Duration SWEEP_TICK = Duration.ofSeconds(1);
    /** Index entries a clean-up tick reads at most: a short pause of the stream thread, not a stall. */
    static final int SWEEP_ENTRIES_PER_TICK = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(StoryProcessor.class);

    private final StoryParams params;
    private final Duration cleanupInterval;
    private final long releaseSliceNanos;
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
    /** While a release is under way, the last buffer key it covers; null otherwise. */
    private String releaseUpTo;
    /** Arrival numbers when a record carries no offset (never, from a topic; kept for safety). */
    private long arrivals;
    private long latestEventMillis = Long.MIN_VALUE;
    private long lastForwardedTimestamp = Long.MIN_VALUE;
    private long assignedSinceGauge;

    public StoryProcessor(StoryParams params, Duration cleanupInterval, EnrichMetrics metrics, StoryMetrics storyMetrics) {
        this(params, cleanupInterval, Duration.ofMillis(RELEASE_SLICE_MILLIS), metrics, storyMetrics);
    }

    /** With the time one call may spend releasing buffered articles (tests use zero: one article per call). */
    StoryProcessor(StoryParams params, Duration cleanupInterval, Duration releaseSlice, EnrichMetrics metrics,
                   StoryMetrics storyMetrics) {
        this.params = params;
        this.cleanupInterval = cleanupInterval;
        this.releaseSliceNanos = releaseSlice.toNanos();
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
        buffered = 0;  // a task revived on this instance counts its store afresh
        releaseUpTo = null;
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
        long arrival = context.recordMetadata().map(m -> m.offset()).orElseGet(() -> arrivals++);
        String key = bufferKey(fa, arrival);
        if (buffer.get(key) == null) {  // the same input again (a redelivery) replaces its entry
            buffered++;
        }
        buffer.put(key, fa);
        storyMetrics.buffered(buffered);
        if (buffered >= MAX_BUFFERED && releaseUpTo == null) {
            startRelease();
        }
        if (releaseUpTo != null) {
            releaseSlice(now);
        }
    }

    /**
     * Zero-padded event time, then the article id, then the zero-padded arrival offset: store order is
     * event-time order, and fetches of one article with the same event time (a re-fetch) stay in arrival
     * order, so the newer text is the one emitted last.
     */
    static String bufferKey(FingerprintedArticle fa, long arrival) {
        return padded(fa.eventMillis()) + "|" + fa.article().id() + "|" + padded(arrival);
    }

    /** 20 digits whose string order is the numeric order of {@code value} (sign flipped, read unsigned). */
    private static String padded(long value) {
        String digits = Long.toUnsignedString(value ^ Long.MIN_VALUE);
        return "0".repeat(20 - digits.length()) + digits;
    }

    private void maybeDrain(long now) {
        if (releaseUpTo == null && buffered > 0 && (now - lastArrivalWall >= params.reorderWait().toMillis()
                || now - firstBufferedWall >= MAX_HOLD_SECONDS * 1000L)) {
            startRelease();
        }
        if (releaseUpTo != null) {
            releaseSlice(now);
        }
    }

    /** Starts a release of everything waiting now: up to the buffer's last key. */
    private void startRelease() {
        try (KeyValueIterator<String, FingerprintedArticle> it = buffer.reverseAll()) {
            releaseUpTo = it.hasNext() ? it.next().key : null;
        }
    }

    /**
     * Assigns the next waiting articles of the release under way, in event-time order, for at most
     * {@value #RELEASE_SLICE_MILLIS} ms (reading {@value #RELEASE_BATCH} at a time); ends the release when
     * nothing it covers is left.
     */
    private void releaseSlice(long now) {
        long deadline = System.nanoTime() + releaseSliceNanos;
        boolean inTime = true;
        while (inTime) {
            List<KeyValue<String, FingerprintedArticle>> batch = new ArrayList<>();
            boolean more;
            try (KeyValueIterator<String, FingerprintedArticle> it = buffer.range(null, releaseUpTo)) {
                while (batch.size() < RELEASE_BATCH && it.hasNext()) {
                    batch.add(it.next());
                }
                more = it.hasNext();
            }
            int done = 0;
            while (inTime && done < batch.size()) {
                KeyValue<String, FingerprintedArticle> kv = batch.get(done++);
                buffer.delete(kv.key);
                buffered--;
                assign(kv.value);
                inTime = System.nanoTime() < deadline;
            }
            if (!more && done == batch.size()) {
                releaseUpTo = null;
                firstBufferedWall = now;  // what arrived during the release waits from now
                break;
            }
        }
        storyMetrics.buffered(buffered);
    }

    private void assign(FingerprintedArticle fa) {
        long eventMillis = fa.eventMillis();
        latestEventMillis = Math.max(latestEventMillis, eventMillis);
        long start = System.nanoTime();
        StoryAssigner.Decision d;
        try {
            d = assigner.assign(fa.article(), fa.fingerprint(), eventMillis);
        } catch (StreamsException | SerializationException e) {
            throw e;  // the stores failed, or hold a value that cannot be read: not to be hidden
        } catch (RuntimeException | StackOverflowError e) {
            // A bug on one article must not stop the stream thread, to fail again on the same record after
            // every restart: the article goes out, as a story of its own, and the error is counted and logged.
            LOG.error("article {} ({}): the story decision failed; it goes out as a story of its own",
                    fa.article().id(), fa.article().url(), e);
            metrics.storyFailed();
            d = StoryAssigner.alone(fa.article());
        }
        storyMetrics.assignTimer().record(Duration.ofNanos(System.nanoTime() - start));
        if (!d.refetch()) {
            storyMetrics.candidates(d.candidates());
            if (d.margin() != null) {
                storyMetrics.margin(d.margin());
            }
        }
        if (d.newStory()) {
            metrics.newStory();
        }
        metrics.relation(d.article().relation());
        // Non-decreasing record times: the buffer releases in event-time order, so the input records' times
        // (ingest times) come out shuffled, and the analytics windows downstream would drop the ones that
        // went backwards as late. The floor never passes the wall clock: one record stamped in the future
        // must not pin every later one there.
        long ts = Math.max(fa.timestamp(), Math.min(lastForwardedTimestamp, context.currentSystemTimeMs()));
        lastForwardedTimestamp = ts;
        Headers headers = new RecordHeaders();
        if (d.refetch()) {
            headers.add(CleanArticle.REFETCH_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        }
        context.forward(new Record<>(d.article().id(), (Object) d.article(), ts, headers));
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
