package dev.rewire.sink.postgres;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Topics;
import dev.rewire.sink.RecordingConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Runs the PostgreSQL sink over in-memory records (for SinkFeedBenchmark, which lives outside this package). */
public final class PostgresSinkBench {

    private PostgresSinkBench() {
    }

    /** Seconds for the sink to write {@code articles} (one partition of news.clean) with this batch size. */
    public static double run(DataSource db, List<CleanArticle> articles, int batchSize) {
        Topics topics = Topics.defaults();
        TopicPartition tp = new TopicPartition(topics.clean(), 0);
        RewireConfig cfg = RewireConfig.defaults().with(Map.of("sink.postgres.batchSize", String.valueOf(batchSize),
                "sink.pollTimeout", "20ms"));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            CleanArticle a = articles.get(i);
            records.add(new ConsumerRecord<>(tp.topic(), 0, i, a.id(), Json.write(a).getBytes(StandardCharsets.UTF_8)));
        }
        RecordingConsumer consumer = new RecordingConsumer();
        consumer.assignOnNextPoll(List.of(tp));
        consumer.addOnNextPoll(records);
        long t0 = System.nanoTime();
        try (PostgresSink sink = new PostgresSink(cfg, consumer, topics, db, new SimpleMeterRegistry())) {
            sink.start();
            if (!sink.awaitPosition(Map.of(tp, (long) articles.size()), Duration.ofMinutes(10))) {
                throw new IllegalStateException("the sink did not finish");
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
