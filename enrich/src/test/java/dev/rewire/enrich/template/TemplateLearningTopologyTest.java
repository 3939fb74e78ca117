package dev.rewire.enrich.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.enrich.EnrichTopology;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.JsonSerde;
import dev.rewire.model.RawArticle;
import dev.rewire.model.Relation;
import dev.rewire.model.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template learning through the whole topology: one fictional outlet's page template leaks furniture that no
 * general rule knows ("Noticed a slip…", an about blurb, a storage notice); after a few articles of the outlet
 * it is gone, and syndicated copies then come out with identical text.
 */
class TemplateLearningTopologyTest {

    static final String NOTE = "Noticed a slip in this report? Write to the desk at the Lantern and we will put it right.";
    static final String ABOUT = "The Marsh Lantern has covered the fen villages since 1911 and has been owned by its "
            + "readers since the mill closed.";
    static final String STORAGE = "This site keeps a few small files on your device so that it remembers your "
            + "reading settings between visits.";

    private static final Instant T0 = Instant.parse("2031-05-01T07:00:00Z");

    @TempDir
    Path tempDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, CleanArticle> clean;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() {
        RewireConfig config = RewireConfig.defaults().with("enrich.stateDir", tempDir.toString())
                .with("stories.reorderWait", "0s"); // assign on arrival: the story buffer is not under test here
        registry = new SimpleMeterRegistry();
        Topics topics = Topics.defaults();
        driver = new TopologyTestDriver(EnrichTopology.build(config, topics, registry),
                EnrichTopology.streamsConfig(config, "localhost:9092"));
        raw = driver.createInputTopic(topics.raw(), new StringSerializer(), new ByteArraySerializer());
        clean = driver.createOutputTopic(topics.clean(), new StringDeserializer(),
                JsonSerde.of(CleanArticle.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static String page(String outlet, String headline, String author, String... paragraphs) {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("<p>").append(p).append("</p>\n");
        }
        return """
                <html lang="en"><head><title>%1$s | %2$s</title><meta property="og:site_name" content="%2$s"></head>
                <body><div class="top"><a href="/">%2$s</a></div>
                <article><h1>%1$s</h1>
                <p class="by">By %3$s · 1 May 2031</p>
                %4$s<p class="note"><em>%5$s</em></p>
                <div class="blurb"><p>%6$s</p></div>
                <p class="small">%7$s</p>
                </article></body></html>
                """.formatted(headline, outlet, author, body, NOTE, ABOUT, STORAGE);
    }

    private void pipe(String url, String outlet, String html, Instant at) {
        RawArticle a = new RawArticle(1, "ing-" + url.hashCode(), url, url, outlet, at, RawArticle.HTML, html, "page",
                null, null, false);
        try {
            raw.pipeInput(url, Json.mapper().writeValueAsBytes(a), at);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final String[][] STORIES = {
        {"Sluice gate repairs finish early", "Ines Marl",
            "Engineers finished the repairs to the north sluice gate two weeks ahead of the plan agreed in March.",
            "The drainage board said the dry spell let crews work on the sill without pumping the channel first."},
        {"Village shop reopens under new owners", "Tobin Ashe",
            "The shop on Reed Lane reopened on Saturday after a couple from the coast took over the lease.",
            "They kept the post counter and added a small bakery shelf that sold out before noon."},
        {"Eel count rises for a third year", "Ines Marl",
            "Volunteers counted more young eels at the weir traps this spring than in any year since the survey began.",
            "The river trust credits the new fish pass and a wetter winter for the steady rise."},
        {"Ferry timetable changes in June", "Padma Ruel",
            "The foot ferry across the wash will run every forty minutes from the first of June, the operator said.",
            "Evening crossings move thirty minutes later so that commuters from the late train can still get home."},
    };

    @Test
    void furnitureOfOneOutletIsLearnedAfterAFewArticles() {
        for (int i = 0; i < STORIES.length; i++) {
            String[] s = STORIES[i];
            pipe("https://marshlantern.example/news/" + i, "The Marsh Lantern",
                    page("The Marsh Lantern", s[0], s[1], s[2], s[3]), T0.plusSeconds(3600L * i));
        }
        List<CleanArticle> out = clean.readValuesToList();
        assertThat(out).hasSize(4);
        // The first article of a new outlet falls back to the rules: the template lines are still there.
        assertThat(out.get(0).text()).contains(NOTE, ABOUT, STORAGE);
        // The byline line is a general rule's, from the first article on.
        assertThat(out).allSatisfy(a -> assertThat(a.text()).doesNotStartWith("By ").doesNotContain("· 1 May"));
        CleanArticle last = out.get(3);
        assertThat(last.text()).isEqualTo(STORIES[3][2] + "\n\n" + STORIES[3][3]);
        assertThat(last.title()).isEqualTo(STORIES[3][0]);
        assertThat(last.boilerplate()).containsEntry(TemplateLearner.OUTLET_RULE, 3);
        assertThat(out.get(2).text()).doesNotContain(NOTE, ABOUT, STORAGE);
        assertThat(registry.get(TemplateProcessor.METRIC).tag("scope", "outlet").counter().count()).isEqualTo(6.0);
        assertThat(registry.get(dev.rewire.enrich.clean.BoilerplateMeters.REMOVED).tag("rule", "byline").counter()
                .count()).isEqualTo(4.0);
    }

    @Test
    void onceTemplatesAreLearnedSyndicatedCopiesAreExactDuplicates() {
        for (int i = 0; i < 3; i++) {
            String[] s = STORIES[i];
            pipe("https://marshlantern.example/news/" + i, "The Marsh Lantern",
                    page("The Marsh Lantern", s[0], s[1], s[2], s[3]), T0.plusSeconds(600L * i));
            pipe("https://fenpost.example/p/" + i, "Fen Post", page("Fen Post", s[0] + " (Fen Post)", s[1],
                    "Local desk: " + s[3], "Our reporter adds: " + s[2]), T0.plusSeconds(600L * i + 60));
        }
        clean.readValuesToList();
        String[] wire = STORIES[3];
        pipe("https://marshlantern.example/news/wire", "The Marsh Lantern",
                page("The Marsh Lantern", wire[0], "Wire staff", wire[2], wire[3]), T0.plusSeconds(7200));
        pipe("https://fenpost.example/p/wire", "Fen Post",
                page("Fen Post", wire[0], "Wire staff", wire[2], wire[3]), T0.plusSeconds(7300));
        List<CleanArticle> copies = clean.readValuesToList();
        assertThat(copies).hasSize(2);
        assertThat(copies.get(1).text()).isEqualTo(copies.get(0).text());
        assertThat(copies.get(1).relation()).isEqualTo(Relation.EXACT);
        assertThat(copies.get(1).storyId()).isEqualTo(copies.get(0).storyId());
    }
}
