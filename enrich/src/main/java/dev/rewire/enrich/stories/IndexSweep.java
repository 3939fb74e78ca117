package dev.rewire.enrich.stories;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The story index's clean-up, a slice at a time. Exists because a whole pass over the index's stores reads
 * every entry (at 10^6 articles, millions of them), and it runs on the stream thread: done in one go it
 * would stall the stage for as long, at every {@code enrich.cleanupInterval}. Each {@link #step} reads at most
 * a given number of entries, resuming after the last key the previous step read, so a pass is spread
 * over many short steps and articles are processed between them.
 *
 * <p>A pass visits, in this order: stories last seen before the cutoff (deleted), memberships and content
 * hashes older than the cutoff whose story is gone (deleted; those of a live story stay, so a re-fetch of
 * an early member is still recognised), document frequencies of rare terms unseen since the cutoff
 * ({@link StoryAssigner#forgettable}), and posting-list entries older than the cutoff (removed; an empty
 * list is deleted). Entries written during a pass are seen by it or by the next one. Not thread-safe.
 */
final class IndexSweep {

    /** What becomes of one entry: {@code value} itself to keep it, null to delete it, or a new value. */
    @FunctionalInterface
    private interface Rule {
        byte[] apply(byte[] value, long cutoff);
    }

    private record Part(KeyValueStore<String, byte[]> store, Rule rule) {
    }

    private final List<Part> parts;
    private int part;
    /** The last key read in the current part; null: the part starts from its first key. */
    private String cursor;
    private long passRemoved;
    private long passRead;
    private long stepRemoved;
    private boolean passEnded;

    IndexSweep(KeyValueStore<String, byte[]> states, KeyValueStore<String, byte[]> articles,
               KeyValueStore<String, byte[]> hashes, KeyValueStore<String, byte[]> df,
               KeyValueStore<String, byte[]> postings) {
        Rule membership = (v, cutoff) -> {
            Membership m = Membership.decode(v);
            return m.eventMillis() < cutoff && states.get(m.storyId()) == null ? null : v;
        };
        parts = List.of(
                new Part(states, (v, cutoff) -> StoryState.lastSeenAt(v) < cutoff ? null : v),
                new Part(articles, membership),
                new Part(hashes, membership),
                new Part(df, (v, cutoff) -> StoryAssigner.forgettable(v, cutoff) ? null : v),
                new Part(postings, (v, cutoff) -> {
                    Postings p = Postings.decode(v);
                    return !p.expire(cutoff) ? v : p.entries.isEmpty() ? null : p.encode();
                }));
    }

    /**
     * Reads at most {@code budget} entries of the pass under way (starting one if none is), deleting or
     * rewriting what expired before {@code cutoffMillis}.
     *
     * @return true when this step ended a pass (the next step starts a new one)
     */
    boolean step(long cutoffMillis, int budget) {
        if (passEnded) {
            passEnded = false;
            passRemoved = 0;
            passRead = 0;
        }
        stepRemoved = 0;
        int left = budget;
        while (left > 0 && part < parts.size()) {
            Part p = parts.get(part);
            List<KeyValue<String, byte[]>> changes = new ArrayList<>();
            boolean ended = true;
            String last = cursor;
            try (KeyValueIterator<String, byte[]> it = cursor == null ? p.store.all() : p.store.range(cursor, null)) {
                while (it.hasNext()) {
                    if (left == 0) {
                        ended = false;
                        break;
                    }
                    KeyValue<String, byte[]> kv = it.next();
                    if (kv.key.equals(cursor)) {
                        continue;  // the range starts at the last key already read
                    }
                    left--;
                    last = kv.key;
                    byte[] next = kv.value == null ? null : p.rule.apply(kv.value, cutoffMillis);
                    if (next != kv.value) {
                        changes.add(KeyValue.pair(kv.key, next));
                    }
                }
            }
            for (KeyValue<String, byte[]> change : changes) {  // after the iterator is closed
                if (change.value == null) {
                    p.store.delete(change.key);
                    stepRemoved++;
                } else {
                    p.store.put(change.key, change.value);
                }
            }
            if (ended) {
                part++;
                cursor = null;
            } else {
                cursor = last;
            }
        }
        passRead += budget - left;
        passRemoved += stepRemoved;
        if (part < parts.size()) {
            return false;
        }
        part = 0;
        passEnded = true;
        return true;
    }

    /** Entries deleted by the last step. */
    long stepRemoved() {
        return stepRemoved;
    }

    /** Entries deleted so far by the pass under way, or by the last one when it has just ended. */
    long passRemoved() {
        return passRemoved;
    }

    /** Entries read so far by the pass under way, or by the last one when it has just ended. */
    long passRead() {
        return passRead;
    }
}
