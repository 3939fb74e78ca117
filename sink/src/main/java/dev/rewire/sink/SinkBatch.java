package dev.rewire.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

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
    private final Map<TopicPartition, Long> nextOffsets;

    public SinkBatch(List<Entry> entries) {
        this(entries, Map.of());
    }

    /**
     * @param entries     the parsed records
     * @param nextOffsets per partition, the offset to resume from once this batch is durable (past its last
     *                    record, and for the last batch of a poll past any transaction marker too); a sink
     *                    that keeps offsets with its data ({@link BatchingSink#storesOffsets()}) stores these
     *                    in the same transaction
     */
    public SinkBatch(List<Entry> entries, Map<TopicPartition, Long> nextOffsets) {
        this.entries = List.copyOf(entries);
        this.nextOffsets = Map.copyOf(nextOffsets);
    }

    /** Per partition, the offset to resume from once this batch is durable; may be empty. */
    public Map<TopicPartition, Long> nextOffsets() {
        return nextOffsets;
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
