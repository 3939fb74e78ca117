package dev.rewire.sink.postgres;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.RewriteEvent;
import dev.rewire.model.Story;
import dev.rewire.model.Topics;
import dev.rewire.sink.BatchingSink;
import dev.rewire.sink.RetryPolicy;
import dev.rewire.sink.SinkBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the PostgreSQL read model up to date: consumes {@code news.clean} (→ {@code articles}),
 * {@code news.rewrites} (→ {@code rewrites}) and the compacted {@code news.stories} (→ {@code stories})
 * with a {@code read_committed} consumer in group {@code sink.postgres.groupId}, and upserts each batch
 * ({@code sink.postgres.batchSize}) in one transaction, together with the derived {@code story_feed} and
 * {@code outlets} rows and the consumed offsets ({@code sink_offsets}).
 *
 * <p>Guarantee: exactly once. The offsets are committed in the same database transaction as the rows,
 * and on start-up (and on every partition assignment) the consumer seeks to them, so a crash at any point
 * — mid-transaction, between the database commit and the next poll — neither loses nor re-applies a
 * record ({@code articles.writes} counts the writes of each row and stays 1 for a record delivered once).
 * Kafka's committed offsets are still committed after each batch, for monitoring only. The upserts are
 * idempotent besides, so even a foreign writer replaying old data cannot duplicate an article.
 *
 * <p>Memory is bounded by {@code max.poll.records} (= batch size): the loop polls again only after the
 * previous batch is durable, so a slow database slows consumption (back-pressure) instead of buffering.
 * {@link #start()} applies the Flyway migrations first. Failed transactions are rolled back and retried
 * per {@code sink.retry.*}; see {@link BatchingSink} for the loop's other guarantees and the metrics
 * (tag {@code sink=postgres}, plus {@code rewire.sink.stories} for story rows).
 */
public final class PostgresSink extends BatchingSink {

    /** The metric tag and thread name of this sink. */
    public static final String NAME = "postgres";

    private static final Logger log = LoggerFactory.getLogger(PostgresSink.class);

    private final DataSource dataSource;
    private final String storiesTopic;
    private final ReadModelWriter writer;
    private final OffsetStore offsets;
    private final ArticleRepository articles;
    private final StoryRepository stories;
    private final Counter storiesCounter;

    /**
     * @param cfg           configuration ({@code sink.postgres.*}, {@code sink.retry.*}, {@code sink.pollTimeout})
     * @param consumerProps consumer properties, normally {@link #consumerConfig(RewireConfig, String, String)}
     *                      with {@code sink.postgres.groupId}; read_committed and manual commits are enforced
     * @param topics        topic names
     * @param dataSource    the database (embedded or {@link DataSources#fromConfig})
     * @param registry      where the metrics go
     */
    public PostgresSink(RewireConfig cfg, Map<String, Object> consumerProps, Topics topics, DataSource dataSource,
                        MeterRegistry registry) {
        this(cfg, new KafkaConsumer<>(sinkConsumerProps(consumerProps, cfg.getString("sink.postgres.groupId"),
                cfg.getInt("sink.postgres.batchSize")), new StringDeserializer(), new ByteArrayDeserializer()),
                String.valueOf(consumerProps.getOrDefault(ConsumerConfig.GROUP_ID_CONFIG,
                        cfg.getString("sink.postgres.groupId"))), topics, dataSource, registry);
    }

    /** With a given consumer (tests); the sink owns and closes it. Offsets are kept under {@code sink.postgres.groupId}. */
    PostgresSink(RewireConfig cfg, Consumer<String, byte[]> consumer, Topics topics, DataSource dataSource,
                 MeterRegistry registry) {
        this(cfg, consumer, cfg.getString("sink.postgres.groupId"), topics, dataSource, registry);
    }

    private PostgresSink(RewireConfig cfg, Consumer<String, byte[]> consumer, String group, Topics topics,
                         DataSource dataSource, MeterRegistry registry) {
        super(NAME, consumer,
                List.of(new TopicSpec(topics.clean(), CleanArticle.class, false),
                        new TopicSpec(topics.rewrites(), RewriteEvent.class, false),
                        new TopicSpec(topics.stories(), Story.class, true)),
                cfg.getInt("sink.postgres.batchSize"), cfg.getDuration("sink.pollTimeout"),
                RetryPolicy.fromConfig(cfg), registry);
        this.dataSource = dataSource;
        this.storiesTopic = topics.stories();
        this.articles = new ArticleRepository(dataSource);
        this.stories = new StoryRepository(dataSource);
        this.offsets = new OffsetStore(dataSource, group);
        this.writer = new ReadModelWriter(dataSource);
        this.storiesCounter = Counter.builder("rewire.sink.stories").tag("sink", NAME)
                .description("Story rows upserted or deleted by the sink").register(registry);
    }

    /** The repository of the {@code articles} table this sink writes. */
    public ArticleRepository articles() {
        return articles;
    }

    /** The repository of the {@code stories} table this sink writes. */
    public StoryRepository stories() {
        return stories;
    }

    @Override
    protected void open() {
        int applied = Migrations.migrate(dataSource);
        if (applied > 0) {
            log.info("postgres sink: applied {} migration(s)", applied);
        }
    }

    @Override
    protected boolean storesOffsets() {
        return true;
    }

    @Override
    protected Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) throws SQLException {
        return offsets.load(partitions);
    }

    @Override
    protected String invalidReason(TopicSpec spec, Object value) {
        if (value instanceof RewriteEvent r && (r.articleId() == null || r.articleId().isBlank())) {
            return "RewriteEvent without articleId";
        }
        return super.invalidReason(spec, value);
    }

    @Override
    protected int writeBatch(SinkBatch batch) throws SQLException {
        List<CleanArticle> articleBatch = batch.values(CleanArticle.class);
        // Latest state per story in this batch: an upsert, or null for a tombstone.
        Map<String, Story> storyState = new LinkedHashMap<>();
        for (SinkBatch.Entry e : batch.entries(storiesTopic)) {
            String id = e.value() instanceof Story s ? s.storyId() : e.key();
            if (id != null) {
                storyState.remove(id);
                storyState.put(id, (Story) e.value());
            }
        }
        List<Story> upserts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        storyState.forEach((id, s) -> {
            if (s == null) {
                deletes.add(id);
            } else {
                upserts.add(s);
            }
        });
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ReadModelWriter.Written written = writer.write(c, articleBatch, batch.values(RewriteEvent.class),
                        upserts, deletes);
                offsets.store(c, batch.nextOffsets());
                c.commit();
                storiesCounter.increment(written.stories());
                return written.articles();
            } catch (SQLException | RuntimeException e) {
                ArticleRepository.rollbackQuietly(c, e);
                throw e;
            }
        }
    }
}
