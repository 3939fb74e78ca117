package dev.rewire.enrich.stories;

import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Relation;
import dev.rewire.model.RewriteEvent;
import dev.rewire.model.Story;
import java.time.Duration;
import java.time.Instant;
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
 * The "exact-duplicates" node: assigns each clean article (keyed by content hash) to a story using the
 * {@value #STORE} store, and emits, re-keyed, the article with its story fields ({@link CleanArticle},
 * keyed by article id), a {@link RewriteEvent} when it joins an existing story (keyed by article id), and
 * the story's new state whenever the story changes ({@link Story}, keyed by story id).
 *
 * <ul>
 *   <li>first article with a hash (or the first after the entry aged out): {@code original}, story id =
 *       its own id;</li>
 *   <li>a different article with a known hash: {@code exact}, similarity 1.0, duplicate of the original,
 *       lag = its event time minus the story's first-seen time, never negative;</li>
 *   <li>a re-fetch of a member (same article id): the relation it had, no new member, no event, no story
 *       update.</li>
 * </ul>
 *
 * <p>Retention: an entry whose story was last seen more than {@code horizon} before a new article's event
 * time is treated as absent, and a wall-clock punctuator deletes entries last seen more than
 * {@code horizon} before the latest event time this task has processed, so the store stays bounded.
 */
public final class ExactDuplicateProcessor implements Processor<String, CleanArticle, String, Object> {

    /** Name of the persistent key-value store (content hash → {@link ContentHashEntry}). */
    public static final String STORE = "content-hash-index";

    /** Most entries deleted in one punctuation, so one clean-up never stalls a commit for long. */
    private static final int MAX_DELETES_PER_PUNCTUATION = 10_000;

    private final Duration horizon;
    private final Duration cleanupInterval;
    private final EnrichMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, ContentHashEntry> store;
    private Instant latestEventTime;

    public ExactDuplicateProcessor(Duration horizon, Duration cleanupInterval, EnrichMetrics metrics) {
        this.horizon = horizon;
        this.cleanupInterval = cleanupInterval;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        if (!cleanupInterval.isZero() && !cleanupInterval.isNegative()) {
            context.schedule(cleanupInterval, PunctuationType.WALL_CLOCK_TIME, now -> dropExpired());
        }
    }

    @Override
    public void process(Record<String, CleanArticle> record) {
        String hash = record.key();
        CleanArticle article = record.value();
        Instant eventTime = article.eventTime() != null ? article.eventTime() : Instant.ofEpochMilli(record.timestamp());
        if (latestEventTime == null || eventTime.isAfter(latestEventTime)) {
            latestEventTime = eventTime;
        }
        ContentHashEntry entry = store.get(hash);
        if (entry != null && isExpired(entry, eventTime)) {
            entry = null;
        }

        if (entry == null) {
            ContentHashEntry created = ContentHashEntry.first(article.id(), article.outlet(), eventTime, article.title());
            store.put(hash, created);
            emitArticle(record, article.withStory(article.id(), Relation.ORIGINAL, null, null));
            emitStory(record, created);
            metrics.newStory();
            return;
        }

        if (entry.hasMember(article.id())) {
            // A re-fetch of the same URL: it keeps its place in the story and adds nothing to it.
            boolean original = article.id().equals(entry.firstId());
            emitArticle(record, original
                    ? article.withStory(entry.storyId(), Relation.ORIGINAL, null, null)
                    : article.withStory(entry.storyId(), Relation.EXACT, entry.firstId(), 1.0));
            return;
        }

        ContentHashEntry updated = entry.withMember(article.id(), article.outlet(), eventTime, article.title());
        store.put(hash, updated);
        emitArticle(record, article.withStory(entry.storyId(), Relation.EXACT, entry.firstId(), 1.0));
        long lag = Math.max(0, Duration.between(entry.firstSeenAt(), eventTime).toSeconds());
        RewriteEvent event = new RewriteEvent(RewriteEvent.SCHEMA_VERSION, article.id(), entry.storyId(),
                entry.firstId(), Relation.EXACT, 1.0, article.outlet(), entry.firstOutlet(), lag);
        context.forward(record.withKey(article.id()).withValue(event));
        emitStory(record, updated);
    }

    private boolean isExpired(ContentHashEntry entry, Instant eventTime) {
        return entry.lastSeenAt() != null && entry.lastSeenAt().isBefore(eventTime.minus(horizon));
    }

    private void emitArticle(Record<String, CleanArticle> record, CleanArticle assigned) {
        metrics.relation(assigned.relation());
        context.forward(record.withKey(assigned.id()).withValue(assigned));
    }

    private void emitStory(Record<String, CleanArticle> record, ContentHashEntry entry) {
        context.forward(record.withKey(entry.storyId()).withValue(entry.toStory()));
    }

    /** Deletes entries whose story was last seen more than the horizon before the latest event time. */
    void dropExpired() {
        if (latestEventTime == null) {
            return; // nothing processed since start-up: no notion of "now" in event time yet
        }
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ContentHashEntry> it = store.all()) {
            while (it.hasNext() && expired.size() < MAX_DELETES_PER_PUNCTUATION) {
                KeyValue<String, ContentHashEntry> kv = it.next();
                if (kv.value == null || isExpired(kv.value, latestEventTime)) {
                    expired.add(kv.key);
                }
            }
        }
        expired.forEach(store::delete);
    }
}
