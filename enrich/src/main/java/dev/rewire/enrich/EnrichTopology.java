package dev.rewire.enrich;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import dev.rewire.enrich.clean.ArticleCleaner;
import dev.rewire.enrich.clean.BoilerplateMeters;
import dev.rewire.enrich.clean.CleanOutcome;
import dev.rewire.enrich.clean.CleanProcessor;
import dev.rewire.enrich.extract.ArticleExtractor;
import dev.rewire.enrich.extract.Extractors;
import dev.rewire.enrich.stories.FingerprintProcessor;
import dev.rewire.enrich.template.BlockSightings;
import dev.rewire.enrich.template.OutletArticle;
import dev.rewire.enrich.template.TemplateParams;
import dev.rewire.enrich.template.TemplateProcessor;
import dev.rewire.enrich.stories.FingerprintedArticle;
import dev.rewire.enrich.stories.StoryMetrics;
import dev.rewire.enrich.stories.StoryParams;
import dev.rewire.enrich.stories.StoryProcessor;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.JsonSerde;
import dev.rewire.model.Rejected;
import dev.rewire.model.RewriteEvent;
import dev.rewire.model.Story;
import dev.rewire.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the enrich Kafka Streams application: the one place that wires the stages together and the
 * entry point of the deployment ({@link #build} and {@link #streamsConfig}).
 *
 * <pre>
 * news.raw (String, bytes) ─► clean ─► route-rejected ─► news.rejected           (key: input key)
 *                                   └► route-clean ─► key-by-outlet ─► by-outlet (repartition)
 *                                        ─► templates [outlet-templates] ─► fingerprint ─► by-story-index (repartition, 1 partition)
 *                                        ─► stories [story-df, story-postings, story-states, story-articles,
 *                                                    story-hashes, story-reorder-buffer] ─► news.clean    (article id)
 *                                                                                        ├► news.rewrites (article id)
 *                                                                                        └► news.stories  (story id)
 * </pre>
 *
 * <p>Every processor, store and repartition topic is named, so internal topic names
 * ({@code <applicationId>-by-story-index-repartition}, {@code <applicationId>-story-states-changelog}, …)
 * stay stable when the topology grows.
 */
public final class EnrichTopology {

    /** Largest record the application reads or writes: a 10 MB page plus its JSON envelope. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /**
     * Name of the repartition step into the story index (its topic is
     * {@code <applicationId>-by-story-index-repartition}, one partition).
     */
    public static final String BY_STORY_INDEX = "by-story-index";

    /** Name of the by-outlet repartition (its topic is {@code <applicationId>-by-outlet-repartition}). */
    public static final String BY_OUTLET = "by-outlet";

    private static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofMinutes(10);

    private EnrichTopology() {
    }

    /**
     * The topology for {@code config} (keys {@code enrich.maxBodyChars}, {@code enrich.minWords},
     * {@code enrich.cleanupInterval}, {@code stories.horizon}), reading and writing {@code topics}, with its
     * meters registered on {@code registry}.
     */
    public static Topology build(RewireConfig config, Topics topics, MeterRegistry registry) {
        EnrichMetrics metrics = new EnrichMetrics(registry);
        long maxBodyChars = config.getLong("enrich.maxBodyChars");
        int minWords = config.getInt("enrich.minWords");
        StoryParams storyParams = StoryParams.from(config);
        StoryMetrics storyMetrics = new StoryMetrics(registry);
        // Read leniently: a model jar older than this key must not stop the stage.
        Duration cleanupInterval = config.isSet("enrich.cleanupInterval")
                ? config.getDuration("enrich.cleanupInterval") : DEFAULT_CLEANUP_INTERVAL;
        ArticleExtractor extractor = Extractors.defaults();
        // Read leniently like cleanupInterval: 0 (no budget) when the key is not known to the model jar.
        long pageBudgetMillis = config.isSet("enrich.pageTimeBudget")
                ? config.getDuration("enrich.pageTimeBudget").toMillis() : 0;
        ArticleCleaner cleaner = new ArticleCleaner(extractor, maxBodyChars, minWords, pageBudgetMillis, metrics,
                Clock.systemUTC());
        BoilerplateMeters boilerplateMeters = new BoilerplateMeters(registry);

        Serde<String> keys = Serdes.String();
        Serde<CleanArticle> cleanSerde = JsonSerde.of(CleanArticle.class);
        StreamsBuilder builder = new StreamsBuilder();
        Serde<FingerprintedArticle> fingerprintedSerde = JsonSerde.of(FingerprintedArticle.class);
        for (String store : StoryProcessor.STORES) {
            builder.addStateStore(store.equals(StoryProcessor.BUFFER)
                    ? Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), keys, fingerprintedSerde)
                    : Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), keys, Serdes.ByteArray()));
        }

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TemplateProcessor.STORE),
                keys, JsonSerde.of(BlockSightings.class)));

        // Raw values are read as bytes, not through a JSON serde: a malformed record must reach the clean
        // processor and become a rejection, instead of failing deserialisation (a crash or a silent skip).
        KStream<String, byte[]> raw = builder.stream(topics.raw(),
                Consumed.with(keys, Serdes.ByteArray()).withName("raw-source"));

        // Stateless and partition-local: the expensive per-article work scales out with news.raw's partitions.
        KStream<String, CleanOutcome> outcomes = raw.process(() -> new CleanProcessor(cleaner, metrics, boilerplateMeters),
                Named.as("clean"));

        Map<String, KStream<String, CleanOutcome>> routes = outcomes.split(Named.as("route-"))
                .branch((key, outcome) -> outcome.isRejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("clean"));

        routes.get("route-rejected")
                .mapValues(CleanOutcome::rejected, Named.as("rejected-value"))
                .to(topics.rejected(), Produced.with(keys, JsonSerde.of(Rejected.class)).withName("rejected-sink"));

        // Fingerprint on the scaled-out side (per article, stateless), then bring every article to ONE
        // partition: the story index must see all of them to give the same grouping whatever the number of
        // partitions of news.raw. The single-partition stage only looks up and scores (capacity measured in
        // docs/benchmarks.md, far above real news volume); the expensive parsing stays scaled out.
        KStream<String, Object> assigned = templates(routes.get("route-clean"), config, keys, registry)
                .process(FingerprintProcessor::new, Named.as("fingerprint"))
                .repartition(Repartitioned.<String, FingerprintedArticle>as(BY_STORY_INDEX)
                        .withKeySerde(keys).withValueSerde(fingerprintedSerde).withNumberOfPartitions(1))
                .process(() -> new StoryProcessor(storyParams, cleanupInterval, metrics, storyMetrics),
                        Named.as("stories"), StoryProcessor.STORES);

        // The story stage emits three record types on one stream (already keyed for their topics): split by
        // type so each goes to its topic with its own serde.
        assigned.split(Named.as("emit-"))
                .branch((key, value) -> value instanceof CleanArticle, Branched.withConsumer(s -> s
                        .mapValues(v -> (CleanArticle) v, Named.as("clean-value"))
                        .to(topics.clean(), Produced.with(keys, cleanSerde).withName("clean-sink")), "clean"))
                .branch((key, value) -> value instanceof RewriteEvent, Branched.withConsumer(s -> s
                        .mapValues(v -> (RewriteEvent) v, Named.as("rewrite-value"))
                        .to(topics.rewrites(), Produced.with(keys, JsonSerde.of(RewriteEvent.class))
                                .withName("rewrites-sink")), "rewrite"))
                .branch((key, value) -> value instanceof Story, Branched.withConsumer(s -> s
                        .mapValues(v -> (Story) v, Named.as("story-value"))
                        .to(topics.stories(), Produced.with(keys, JsonSerde.of(Story.class)).withName("stories-sink")),
                        "story"))
                .noDefaultBranch();

        // Analytics read the output topics as a sub-topology of their own (see AnalyticsTopology).
        dev.rewire.enrich.analytics.AnalyticsTopology.addTo(builder, config, topics);
        return builder.build();
    }

    /**
     * Template learning (issue 4): re-key the cleaned articles by outlet and repartition ({@value #BY_OUTLET}),
     * so that every article of one outlet meets the same slice of the {@code outlet-templates} store; there
     * the blocks recurring across many articles of the outlet are dropped. Only block fingerprints are looked
     * up here, so this stays cheap; parsing and rule-based cleaning stay before the repartition, scaled out.
     * The articles leave under the key they had before, so the stages after do not see the detour.
     */
    private static KStream<String, CleanOutcome> templates(KStream<String, CleanOutcome> cleaned, RewireConfig config,
                                                           Serde<String> keys, MeterRegistry registry) {
        TemplateParams params = TemplateParams.from(config);
        Duration sweep = config.isSet("enrich.cleanupInterval")
                ? config.getDuration("enrich.cleanupInterval") : DEFAULT_CLEANUP_INTERVAL;
        return cleaned
                .map((key, outcome) -> KeyValue.pair(outletKey(outcome.article().outlet()),
                        OutletArticle.of(key, outcome.article())), Named.as("key-by-outlet"))
                .repartition(Repartitioned.<String, OutletArticle>as(BY_OUTLET)
                        .withKeySerde(keys).withValueSerde(JsonSerde.of(OutletArticle.class)))
                .process(() -> new TemplateProcessor(params, sweep, registry), Named.as("templates"),
                        TemplateProcessor.STORE);
    }

    private static String outletKey(String outlet) {
        return outlet == null || outlet.isBlank() ? "-" : outlet.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Kafka Streams properties for {@code config}: application id, exactly-once v2, threads, commit
     * interval, state directory (under {@code rewire.dataDir} when relative) and replication factor of
     * internal topics, then every {@code kafka.*} pass-through property (these win), then
     * {@code bootstrapServers} (which wins over everything; when blank, {@code kafka.bootstrap.servers} is
     * used). All values are strings, so {@link Properties#getProperty} sees them.
     */
    public static Properties streamsConfig(RewireConfig config, String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString("enrich.applicationId"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(config.getInt("enrich.threads")));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                String.valueOf(config.getDuration("enrich.commitInterval").toMillis()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.getPath("enrich.stateDir", true).toAbsolutePath().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, String.valueOf(config.getInt("topics.replicationFactor")));
        // A cleaned article can be as large as the page it came from: let records of a large page through
        // (the broker's message.max.bytes / the topics' max.message.bytes must allow as much; local mode does).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), String.valueOf(MAX_RECORD_BYTES));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), String.valueOf(MAX_RECORD_BYTES));
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), String.valueOf(MAX_RECORD_BYTES));
        props.putAll(config.kafkaProperties());
        String servers = bootstrapServers != null && !bootstrapServers.isBlank() ? bootstrapServers.strip()
                : props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.isBlank()) {
            throw new ConfigException("enrich needs Kafka bootstrap servers: pass them or set kafka.bootstrap.servers");
        }
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        return props;
    }
}
