package dev.rewire.deploy.pipeline;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Rejected;
import dev.rewire.model.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code news.clean} and {@code news.rejected} (committed records only) from the moment it is
 * created, and hands each outcome to the caller: how a replay knows, without sleeping, that every input it
 * published has been cleaned or rejected. Not thread-safe: one thread polls it.
 */
public final class OutcomeTracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeTracker.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final List<TopicPartition> cleanPartitions = new ArrayList<>();

    /** Subscribes to the current end of both topics, so only outcomes produced from now on are seen. */
    public OutcomeTracker(RewireConfig cfg, String bootstrapServers, Topics topics) {
        this.topics = topics;
        Map<String, Object> props = new HashMap<>(cfg.kafkaProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "rewire-replay-tracker");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : List.of(topics.clean(), topics.rejected())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers);
            }
            for (PartitionInfo info : infos) {
                TopicPartition tp = new TopicPartition(topic, info.partition());
                all.add(tp);
                if (topic.equals(topics.clean())) {
                    cleanPartitions.add(tp);
                }
            }
        }
        consumer.assign(all);
        consumer.seekToEnd(all);
        all.forEach(consumer::position); // resolve the end offsets now, before anything is published
    }

    /** Polls once (up to {@code timeout}) and passes every outcome to the matching callback; returns the count. */
    public int poll(Duration timeout, BiConsumer<String, CleanArticle> onClean, BiConsumer<String, Rejected> onRejected) {
        int n = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            try {
                if (record.topic().equals(topics.clean())) {
                    CleanArticle article = Json.mapper().readValue(record.value(), CleanArticle.class);
                    onClean.accept(article.ingestId(), article);
                } else {
                    Rejected rejected = Json.mapper().readValue(record.value(), Rejected.class);
                    onRejected.accept(rejected.ingestId(), rejected);
                }
                n++;
            } catch (IOException e) {
                LOG.warn("unreadable record on {}-{} at offset {}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return n;
    }

    /** The committed end offsets of {@code news.clean}: where a sink must have got to. */
    public Map<TopicPartition, Long> cleanEndOffsets() {
        return consumer.endOffsets(cleanPartitions);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
