package dev.rewire.enrich;

import static dev.rewire.enrich.Fixtures.COURIER_HTML;
import static dev.rewire.enrich.Fixtures.COURIER_URL;
import static dev.rewire.enrich.Fixtures.LEDGER_CANONICAL;
import static dev.rewire.enrich.Fixtures.LEDGER_HTML;
import static dev.rewire.enrich.Fixtures.LEDGER_URL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.enrich.stories.StoryProcessor;
import dev.rewire.model.ArticleIds;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.JsonSerde;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import dev.rewire.model.Rejected;
import dev.rewire.model.Relation;
import dev.rewire.model.RewriteEvent;
import dev.rewire.model.Story;
import dev.rewire.model.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichTopologyTest {

    private static final Instant T0 = Instant.parse("2031-04-02T08:00:00Z");
    private static final int MAX_BODY_CHARS = 20_000;

    @TempDir
    Path tempDir;

    private final Topics topics = Topics.defaults();
    private SimpleMeterRegistry registry;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, CleanArticle> clean;
    private TestOutputTopic<String, Rejected> rejected;
    private TestOutputTopic<String, RewriteEvent> rewrites;
    private TestOutputTopic<String, Story> stories;

    @BeforeEach
    void start() {
        RewireConfig config = RewireConfig.defaults()
                .with("enrich.stateDir", tempDir.toString())
                .with("enrich.maxBodyChars", String.valueOf(MAX_BODY_CHARS))
                .with("stories.reorderWait", "0s");  // assign on arrival: the reorder buffer has its own test
        registry = new SimpleMeterRegistry();
        Properties props = EnrichTopology.streamsConfig(config, "localhost:9092");
        driver = new TopologyTestDriver(EnrichTopology.build(config, topics, registry), props);
        raw = driver.createInputTopic(topics.raw(), new StringSerializer(), new ByteArraySerializer());
        clean = driver.createOutputTopic(topics.clean(), new StringDeserializer(),
                JsonSerde.of(CleanArticle.class).deserializer());
        rejected = driver.createOutputTopic(topics.rejected(), new StringDeserializer(),
                JsonSerde.of(Rejected.class).deserializer());
        rewrites = driver.createOutputTopic(topics.rewrites(), new StringDeserializer(),
                JsonSerde.of(RewriteEvent.class).deserializer());
        stories = driver.createOutputTopic(topics.stories(), new StringDeserializer(),
                JsonSerde.of(Story.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** Records are stamped with their fetch time, as a producer fetching then would stamp them. */
    private void pipe(RawArticle article) {
        pipeKeyed(article.url(), article);
    }

    @Test
    void htmlArticleComesOutCleanWithItsIdTitleAndMetadata() {
        pipe(Fixtures.html(LEDGER_URL, "The Harbour Ledger", LEDGER_HTML, T0));

        KeyValue<String, CleanArticle> out = clean.readKeyValue();
        CleanArticle a = out.value;
        String expectedId = ArticleIds.fromCanonicalUrl(LEDGER_CANONICAL);
        assertThat(out.key).isEqualTo(expectedId);
        assertThat(a.id()).isEqualTo(expectedId);
        assertThat(a.canonicalUrl()).isEqualTo(LEDGER_CANONICAL);
        assertThat(a.url()).isEqualTo(LEDGER_URL);
        assertThat(a.title()).isEqualTo(Fixtures.TITLE);
        assertThat(a.byline()).isEqualTo("Mirela Okafor");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2031-04-02T06:30:00Z"));
        assertThat(a.fetchedAt()).isEqualTo(T0);
        assertThat(a.language()).isEqualTo("en");
        assertThat(a.text()).isEqualTo(String.join("\n\n",
                Fixtures.P1, Fixtures.P2, Fixtures.H2, Fixtures.P3, Fixtures.QUOTE));
        assertThat(a.text()).doesNotContain("cookies", "Opinion and letters", "Share", "Harbour dredging",
                "Most read", "morning briefing", "All rights reserved", "Privacy");
        assertThat(a.wordCount()).isEqualTo(dev.rewire.enrich.extract.Extraction.countWords(a.text()));
        assertThat(a.relation()).isEqualTo(Relation.ORIGINAL);
        assertThat(a.storyId()).isEqualTo(expectedId);
        assertThat(a.duplicateOf()).isNull();
        assertThat(a.similarity()).isNull();
        assertThat(a.boilerplate()).containsKeys("html-furniture-element", "html-furniture-class",
                "social-call-to-action");

        KeyValue<String, Story> story = stories.readKeyValue();
        assertThat(story.key).isEqualTo(expectedId);
        assertThat(story.value.memberCount()).isEqualTo(1);
        assertThat(story.value.title()).isEqualTo(Fixtures.TITLE);
        assertThat(story.value.firstOutlet()).isEqualTo("The Harbour Ledger");
        assertThat(rewrites.isEmpty()).isTrue();
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(registry.get(EnrichMetrics.READ).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(EnrichMetrics.CLEAN).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(EnrichMetrics.STORIES).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(EnrichMetrics.RELATION).tag("relation", "original").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(EnrichMetrics.EXTRACT).timer().count()).isEqualTo(1L);
    }

    @Test
    void sameBodyFromASecondOutletIsAnExactCopyOfTheFirst() {
        pipe(Fixtures.html(LEDGER_URL, "The Harbour Ledger", LEDGER_HTML, T0));
        pipe(Fixtures.html(COURIER_URL, "Valley Courier", COURIER_HTML, T0.plusSeconds(7200)));

        List<CleanArticle> out = clean.readValuesToList();
        assertThat(out).hasSize(2);
        CleanArticle first = out.get(0);
        CleanArticle copy = out.get(1);
        assertThat(copy.id()).isEqualTo(ArticleIds.fromCanonicalUrl(COURIER_URL)).isNotEqualTo(first.id());
        assertThat(copy.title()).isEqualTo(Fixtures.TITLE);
        assertThat(copy.relation()).isEqualTo(Relation.EXACT);
        assertThat(copy.storyId()).isEqualTo(first.storyId()).isEqualTo(first.id());
        assertThat(copy.duplicateOf()).isEqualTo(first.id());
        assertThat(copy.similarity()).isEqualTo(1.0);

        KeyValue<String, RewriteEvent> event = rewrites.readKeyValue();
        assertThat(event.key).isEqualTo(copy.id());
        assertThat(event.value.articleId()).isEqualTo(copy.id());
        assertThat(event.value.originalId()).isEqualTo(first.id());
        assertThat(event.value.storyId()).isEqualTo(first.id());
        assertThat(event.value.relation()).isEqualTo(Relation.EXACT);
        assertThat(event.value.outlet()).isEqualTo("Valley Courier");
        assertThat(event.value.originalOutlet()).isEqualTo("The Harbour Ledger");
        // Published 06:30Z (Ledger, JSON-LD) and 09:00Z (Courier, meta): two and a half hours apart.
        assertThat(event.value.lagSeconds()).isEqualTo(Duration.ofMinutes(150).toSeconds());
        assertThat(rewrites.isEmpty()).isTrue();

        List<KeyValue<String, Story>> storyUpdates = stories.readKeyValuesToList();
        assertThat(storyUpdates).hasSize(2);
        Story latest = storyUpdates.get(1).value;
        assertThat(storyUpdates.get(1).key).isEqualTo(first.id());
        assertThat(latest.memberCount()).isEqualTo(2);
        assertThat(latest.outlets()).containsExactly("The Harbour Ledger", "Valley Courier");
        assertThat(latest.firstSeenAt()).isEqualTo(Instant.parse("2031-04-02T06:30:00Z"));
        assertThat(latest.lastSeenAt()).isEqualTo(Instant.parse("2031-04-02T09:00:00Z"));
        assertThat(registry.get(EnrichMetrics.STORIES).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(EnrichMetrics.RELATION).tag("relation", "exact").counter().count()).isEqualTo(1.0);
    }

    @Test
    void refetchOfAMemberKeepsItsPlaceAndAddsNoMember() {
        pipe(Fixtures.html(LEDGER_URL, "The Harbour Ledger", LEDGER_HTML, T0));
        pipe(Fixtures.html(COURIER_URL, "Valley Courier", COURIER_HTML, T0.plusSeconds(60)));
        clean.readValuesToList();
        stories.readValuesToList();
        rewrites.readValuesToList();

        // Both outlets are fetched again (new ingest events, same URLs).
        pipe(Fixtures.html(COURIER_URL, "Valley Courier", COURIER_HTML, T0.plusSeconds(3600)));
        pipe(Fixtures.html(LEDGER_URL, "The Harbour Ledger", LEDGER_HTML, T0.plusSeconds(3700)));
        List<CleanArticle> refetched = clean.readValuesToList();
        assertThat(refetched).extracting(CleanArticle::relation).containsExactly(Relation.EXACT, Relation.ORIGINAL);
        String storyId = ArticleIds.fromCanonicalUrl(LEDGER_CANONICAL);
        assertThat(refetched).extracting(CleanArticle::storyId).containsOnly(storyId);
        assertThat(refetched.get(0).duplicateOf()).isEqualTo(storyId);
        assertThat(stories.isEmpty()).as("a re-fetch does not change the story").isTrue();
        assertThat(rewrites.isEmpty()).isTrue();

        // A third outlet's copy is the third member, not the fifth.
        String thirdUrl = "https://northbaytimes.example/ferry";
        pipe(Fixtures.html(thirdUrl, "North Bay Times", COURIER_HTML, T0.plusSeconds(4000)));
        assertThat(clean.readValue().relation()).isEqualTo(Relation.EXACT);
        Story story = stories.readValue();
        assertThat(story.memberCount()).isEqualTo(3);
        assertThat(story.outlets()).containsExactly("The Harbour Ledger", "Valley Courier", "North Bay Times");
    }

    @Test
    void everyBadInputIsRejectedWithItsReasonAndNothingIsLost() {
        byte[] binary = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 1, 2, 3};
        String binaryBody = new String(binary, StandardCharsets.ISO_8859_1);
        raw.pipeInput("k-malformed", "{\"url\": \"https://x.example/a\", \"body\": ".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput("k-garbage", binary);
        raw.pipeInput("k-tombstone", (byte[]) null);
        pipeKeyed("k-empty", Fixtures.html("https://x.example/empty", "X", "   \n\t ", T0));
        pipeKeyed("k-binary", Fixtures.html("https://x.example/img", "X", binaryBody, T0));
        pipeKeyed("k-large", Fixtures.html("https://x.example/big", "X",
                "<p>" + "word ".repeat(MAX_BODY_CHARS / 5) + "</p>", T0));
        pipeKeyed("k-nourl", new RawArticle(1, "ingest-7", null, "  ", "X", T0, RawArticle.HTML, LEDGER_HTML, "page",
                null, null, false));
        pipeKeyed("k-noarticle", Fixtures.html("https://x.example/menu", "X",
                "<html><body><nav><a>Home</a><a>World news</a></nav><footer>Contact us</footer></body></html>", T0));
        pipeKeyed("k-good", Fixtures.html(LEDGER_URL, "The Harbour Ledger", LEDGER_HTML, T0));

        Map<String, Rejected> byKey = rejected.readKeyValuesToList().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
        assertThat(byKey).containsOnlyKeys("k-malformed", "k-garbage", "k-tombstone", "k-empty", "k-binary",
                "k-large", "k-nourl", "k-noarticle");
        assertThat(byKey.get("k-malformed").reason().code()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(byKey.get("k-garbage").reason().code()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(byKey.get("k-tombstone").reason().code()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(byKey.get("k-empty").reason().code()).isEqualTo(RejectReason.EMPTY_BODY);
        assertThat(byKey.get("k-binary").reason().code()).isEqualTo(RejectReason.BINARY_CONTENT);
        assertThat(byKey.get("k-large").reason().code()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(byKey.get("k-nourl").reason().code()).isEqualTo(RejectReason.MISSING_URL);
        assertThat(byKey.get("k-noarticle").reason().code()).isEqualTo(RejectReason.NO_ARTICLE);

        Rejected large = byKey.get("k-large");
        assertThat(large.stage()).isEqualTo("enrich");
        assertThat(large.url()).isEqualTo("https://x.example/big");
        assertThat(large.outlet()).isEqualTo("X");
        assertThat(large.ingestId()).isNotBlank();
        assertThat(large.inputKey()).isEqualTo("k-large");
        assertThat(large.excerpt()).hasSize(Rejected.MAX_EXCERPT);
        assertThat(large.reason().message()).contains("enrich.maxBodyChars");
        assertThat(byKey.get("k-nourl").ingestId()).isEqualTo("ingest-7");
        assertThat(byKey.get("k-malformed").excerpt()).startsWith("{\"url\"");
        assertThat(byKey.get("k-malformed").at()).isNotNull();

        List<CleanArticle> cleaned = clean.readValuesToList();
        assertThat(cleaned).hasSize(1);
        assertThat(cleaned.get(0).canonicalUrl()).isEqualTo(LEDGER_CANONICAL);
        int in = 9;
        assertThat(cleaned.size() + byKey.size()).as("every input is accounted for").isEqualTo(in);
        assertThat(registry.get(EnrichMetrics.READ).counter().count()).isEqualTo(in);
        assertThat(registry.get(EnrichMetrics.REJECTED).tag("reason", "malformed-record").counter().count())
                .isEqualTo(3.0);
        assertThat(registry.get(EnrichMetrics.REJECTED).tag("reason", "too-large").counter().count()).isEqualTo(1.0);
    }

    private void pipeKeyed(String key, RawArticle article) {
        if (article.fetchedAt() == null) {
            raw.pipeInput(key, Fixtures.bytes(article));
        } else {
            raw.pipeInput(key, Fixtures.bytes(article), article.fetchedAt());
        }
    }

    @Test
    void plainTextFurnitureIsRemovedAndCounted() {
        String url = "https://lakeside-echo.example/2031/storm-korvalen";
        pipe(Fixtures.text(url, "The Lakeside Echo", Fixtures.LAKESIDE_TEXT, null, T0));

        CleanArticle a = clean.readValue();
        assertThat(a.title()).isEqualTo("Storm closes the Korvalen pass for a second day");
        assertThat(a.text().split("\n\n")).hasSize(3);
        assertThat(a.text()).startsWith("Snow drifts of up to two metres")
                .endsWith("below sixty kilometres an hour.")
                .doesNotContain("Skip to content", "Site icon", "Weather", "Published", "Share this", "Copyright",
                        "Exit mobile version", "Storm closes");
        assertThat(a.text().lines()).doesNotContain("on");
        assertThat(a.boilerplate()).containsEntry("site-chrome", 3)
                .containsEntry("lone-word", 3)
                .containsEntry("social-call-to-action", 1)
                .containsEntry("copyright", 1)
                .containsEntry("title-repeat", 1);
        assertThat(a.id()).isEqualTo(ArticleIds.fromCanonicalUrl(url));
        assertThat(a.language()).as("plain text: guessed from the text").isEqualTo("en");
    }

    @Test
    void aCopyBeyondTheHorizonStartsANewStoryAndTheIndexIsPruned() {
        pipe(Fixtures.html(LEDGER_URL, "The Harbour Ledger", LEDGER_HTML, T0));
        // Same text eight days after the original was published: outside the default 7-day horizon.
        Instant late = Instant.parse("2031-04-10T12:00:00Z");
        pipe(Fixtures.html(COURIER_URL, "Valley Courier", COURIER_HTML.replace("2031-04-02T09:00:00Z", late.toString()),
                late));
        List<CleanArticle> out = clean.readValuesToList();
        assertThat(out.get(1).relation()).isEqualTo(Relation.ORIGINAL);
        assertThat(out.get(1).storyId()).isEqualTo(out.get(1).id());
        assertThat(rewrites.isEmpty()).isTrue();

        // Another story, far later still: the clean-up punctuator drops the two now-expired stories.
        pipe(Fixtures.text("https://lakeside-echo.example/x", "The Lakeside Echo", Fixtures.LAKESIDE_TEXT, null,
                Instant.parse("2031-05-01T00:00:00Z")));
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(StoryProcessor.STATES);
        assertThat(countEntries(store)).isEqualTo(3);
        driver.advanceWallClockTime(Duration.ofMinutes(11));
        assertThat(countEntries(store)).isEqualTo(1);
        assertThat(countEntries(driver.getKeyValueStore(StoryProcessor.HASHES))).isEqualTo(1);
        assertThat(countEntries(driver.getKeyValueStore(StoryProcessor.ARTICLES))).isEqualTo(1);
    }

    private static int countEntries(KeyValueStore<String, ?> store) {
        int n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void internalTopicsAndNodesHaveStableNames() {
        RewireConfig config = RewireConfig.defaults().with("enrich.stateDir", tempDir.toString());
        TopologyDescription description = EnrichTopology.build(config, topics, new SimpleMeterRegistry()).describe();
        String text = description.toString();
        assertThat(text).contains("raw-source", "clean", "route-rejected", "fingerprint",
                "by-story-index-repartition", "stories", "story-states", "story-postings", "story-df",
                "story-articles", "story-hashes", "story-reorder-buffer", "clean-sink",
                "rewrites-sink", "stories-sink", "rejected-sink");
        assertThat(text).doesNotContain("KSTREAM-", "KTABLE-");
    }

    @Test
    void streamsConfigCarriesTheSettingsAndPassesKafkaPropertiesThrough() {
        RewireConfig config = RewireConfig.defaults()
                .with("rewire.dataDir", tempDir.toString())
                .with("kafka.bootstrap.servers", "ignored:1")
                .with("kafka.security.protocol", "SASL_SSL")
                .with("kafka.num.stream.threads", "3");
        Properties p = EnrichTopology.streamsConfig(config, "broker:9092");
        assertThat(p.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("rewire-enrich");
        assertThat(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("100");
        assertThat(p.getProperty(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo("1");
        assertThat(p.getProperty(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(tempDir.resolve("streams").toAbsolutePath().toString());
        assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(p.getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("3");
        assertThat(p.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("broker:9092");
        assertThat(EnrichTopology.streamsConfig(config, null).getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))
                .isEqualTo("ignored:1");
    }
}
