package dev.rewire.enrich.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.model.CleanArticle;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutletArticleTest {

    private static final CleanArticle ARTICLE = new CleanArticle(1, "a1b2c3", "ingest-1", "https://ledger.example/x",
            "https://ledger.example/x", "ledger.example", "Title", null, null, Instant.parse("2031-04-02T08:00:00Z"),
            "en", "Text of the article.", 4, null, null, null, null, null);

    @Test
    void aKeyTooLongToCarryGivesWayToTheArticleId() {
        assertThat(OutletArticle.of("https://ledger.example/x", ARTICLE).key()).isEqualTo("https://ledger.example/x");
        assertThat(OutletArticle.of(null, ARTICLE).key()).isNull();
        assertThat(OutletArticle.of("\u0001".repeat(3_000_000), ARTICLE).key()).isEqualTo("a1b2c3");
    }
}
