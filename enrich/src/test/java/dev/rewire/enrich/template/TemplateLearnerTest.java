package dev.rewire.enrich.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.model.CleanArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TemplateLearnerTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final String FOOTER = "Tips and corrections go to the desk; we read every message.";

    private KeyValueStore<String, BlockSightings> store;
    private TemplateLearner learner;

    @BeforeEach
    void setUp() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("t"), Serdes.String(),
                dev.rewire.model.JsonSerde.of(BlockSightings.class)).withLoggingDisabled().build();
        var context = new org.apache.kafka.streams.processor.api.MockProcessorContext<String, Object>();
        store.init(context.getStateStoreContext(), store);
        learner = new TemplateLearner(store, new TemplateParams(true, 3, 3, 5, Duration.ofDays(14)));
    }

    static CleanArticle article(String id, String outlet, String title, String... blocks) {
        String text = String.join("\n\n", blocks);
        return new CleanArticle(1, id, "i", "https://x.example/" + id, "https://x.example/" + id, outlet, title, null,
                Instant.EPOCH, Instant.EPOCH, "en", text, 0, null, null, null, null, Map.of());
    }

    @Test
    void fingerprintsFoldDigitsCaseAndPunctuation() {
        assertThat(BlockFingerprint.of("© 2031 The Echo. All rights reserved."))
                .isEqualTo(BlockFingerprint.of("© 2032 the echo -- all rights reserved"));
        assertThat(BlockFingerprint.of("3 min read")).isEqualTo(BlockFingerprint.of("12 min read"));
        assertThat(BlockFingerprint.of("The ferry sails")).isNotEqualTo(BlockFingerprint.of("The ferry sank"));
        assertThat(BlockFingerprint.of(" — ")).isNull();
    }

    @Test
    void aBlockRecurringInThreeArticlesOfAnOutletIsDroppedFromTheThird() {
        CleanArticle a = article("a", "Echo", "Pier reopens", "The pier reopened on Friday after repairs.", FOOTER);
        CleanArticle b = article("b", "Echo", "Bus fares rise", "Bus fares rise by ten pence in May.", FOOTER);
        CleanArticle c = article("c", "Echo", "Library wins award", "The library won a national award.", FOOTER);
        assertThat(learner.apply(a, 0).text()).contains(FOOTER);
        assertThat(learner.apply(b, DAY).text()).contains(FOOTER);
        CleanArticle third = learner.apply(c, 2 * DAY);
        assertThat(third.text()).isEqualTo("The library won a national award.");
        assertThat(third.wordCount()).isEqualTo(6);
        assertThat(third.boilerplate()).containsEntry(TemplateLearner.OUTLET_RULE, 1);
    }

    @Test
    void refetchesAndCopiesOfOneStoryNeverTeachTheirOwnParagraphs() {
        CleanArticle a = article("a", "Echo", "Pier reopens", "The pier reopened on Friday after repairs.", FOOTER);
        for (int i = 0; i < 5; i++) {
            CleanArticle again = article("a" + i, "Echo", "Pier reopens", "The pier reopened on Friday after repairs.",
                    FOOTER);
            assertThat(learner.apply(again, i * DAY).text()).isEqualTo(a.text());
        }
    }

    @Test
    void otherOutletsAndExpiredSightingsDoNotCount() {
        learner.apply(article("a", "Echo", "One", "First story text here.", FOOTER), 0);
        learner.apply(article("b", "Echo", "Two", "Second story text here.", FOOTER), DAY);
        // Another outlet with the same line: its own first sighting.
        assertThat(learner.apply(article("c", "Herald", "Three", "Third story text here.", FOOTER), DAY).text())
                .contains(FOOTER);
        // Fifteen days later the Echo's sightings have expired: the rules' fallback again.
        assertThat(learner.apply(article("d", "Echo", "Four", "Fourth story text here.", FOOTER), 16 * DAY).text())
                .contains(FOOTER);
        assertThat(learner.expire(16 * DAY - Duration.ofDays(14).toMillis())).isGreaterThan(0);
    }

    @Test
    void aLongLineSharedByManyOutletsAndStoriesIsCrossOutletFurniture() {
        String platform = "This site is hosted by an example platform that powers thousands of local news sites.";
        String[] titles = {"Harbour fees", "School roof", "Market days"};
        for (int i = 0; i < 3; i++) {
            learner.apply(article("p" + i, "Outlet " + i, titles[i], "The story about " + titles[i] + " goes here.",
                    platform), i * DAY);
        }
        CleanArticle next = learner.apply(article("p9", "Outlet 9", "Tram line", "Body of story nine here.", platform),
                3 * DAY);
        assertThat(next.text()).isEqualTo("Body of story nine here.");
        assertThat(next.boilerplate()).containsEntry(TemplateLearner.CROSS_OUTLET_RULE, 1);
    }

    @Test
    void anArticleIsNeverEmptied() {
        for (int i = 0; i < 4; i++) {
            CleanArticle only = article("o" + i, "Echo", "Title " + i, FOOTER);
            assertThat(learner.apply(only, i * DAY).text()).isEqualTo(FOOTER);
        }
    }
}
