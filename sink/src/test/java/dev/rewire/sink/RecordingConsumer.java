package dev.rewire.sink;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link MockConsumer} that records every commit together with a snapshot of the sink's target taken
 * at that moment (to prove offsets are committed only after the write), and that waits a little on an
 * empty poll like a real consumer instead of letting the loop spin.
 */
public class RecordingConsumer extends MockConsumer<String, byte[]> {

    /** One commitSync call: the offsets and what the target held when they were committed. */
    public record Commit(Map<TopicPartition, Long> offsets, long targetSnapshot) {
    }

    private final List<Commit> commits = new CopyOnWriteArrayList<>();
    private volatile Supplier<Long> target = () -> -1L;

    public RecordingConsumer() {
        super("earliest");
    }

    /** What to snapshot at each commit (rows in the table, lines in the file). */
    public void snapshotOnCommit(Supplier<Long> target) {
        this.target = target;
    }

    public List<Commit> commits() {
        return commits;
    }

    /** Assigns {@code partitions} (from offset 0) on the next poll. */
    public void assignOnNextPoll(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> zero = new java.util.HashMap<>();
        partitions.forEach(tp -> zero.put(tp, 0L));
        updateBeginningOffsets(zero);
        schedulePollTask(() -> rebalance(partitions));
    }

    /** Adds {@code records} on a coming poll (after the assignment). */
    public void addOnNextPoll(List<ConsumerRecord<String, byte[]>> records) {
        schedulePollTask(() -> records.forEach(this::addRecord));
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, Long> plain = new java.util.HashMap<>();
        offsets.forEach((tp, om) -> plain.put(tp, om.offset()));
        commits.add(new Commit(Map.copyOf(plain), target.get()));
        super.commitSync(offsets);
    }

    @Override
    public ConsumerRecords<String, byte[]> poll(Duration timeout) {
        ConsumerRecords<String, byte[]> records = super.poll(timeout);
        if (records.isEmpty()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return records;
    }
}
