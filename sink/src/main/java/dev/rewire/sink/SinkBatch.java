package dev.rewire.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parsed records handed to one {@link BatchingSink#writeBatch} call, in consumption order (offset
 * order within each partition). Records that did not parse never get here. Immutable.
 */
public final class SinkBatch {

    /**
     * One parsed record.
     *
     * @param topic     the topic it came from
     * @param partition its partition
     * @param offset    its offset
     * @param key       the record key, may be null
     * @param value     the parsed value, or null for a tombstone (only on topics that allow them)
     */
    public record Entry(String topic, int partition, long offset, String key, Object value) {
    }

    private final List<Entry> entries;

    public SinkBatch(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Every entry, in consumption order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The non-null values of type {@code type}, in consumption order. */
    public <T> List<T> values(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Entry e : entries) {
            if (type.isInstance(e.value())) {
                out.add(type.cast(e.value()));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The entries (values and tombstones) read from {@code topic}, in consumption order. */
    public List<Entry> entries(String topic) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.topic().equals(topic)) {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
