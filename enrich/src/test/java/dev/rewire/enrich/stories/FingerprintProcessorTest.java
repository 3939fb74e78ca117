package dev.rewire.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.enrich.clean.CleanOutcome;
import dev.rewire.model.CleanArticle;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class FingerprintProcessorTest {

    @Test
    void anArticleTheFingerprinterFailsOnStillGoesThroughWithItsExactHash() {
        CleanArticle a = StoryAssignerTest.article("a1", "harbour-gazette", "Ferry returns",
                "The Ardmore ferry returned to service on Tuesday after six weeks of repairs.");
        FingerprintProcessor p = new FingerprintProcessor(article -> {
            throw new IllegalStateException("a defect in the fingerprinter");
        });
        MockProcessorContext<String, FingerprintedArticle> context = new MockProcessorContext<>();
        p.init(context);
        p.process(new Record<>("raw-key", CleanOutcome.clean(a), 1_000L));

        assertThat(context.forwarded()).hasSize(1);
        var out = context.forwarded().get(0).record();
        assertThat(out.key()).isEqualTo("a1");
        assertThat(out.value().article()).isEqualTo(a);
        assertThat(out.value().fingerprint().contentHash()).isEqualTo(ContentHash.of(a.text()));
        assertThat(out.value().fingerprint().terms()).isEmpty();
        assertThat(out.timestamp()).isEqualTo(1_000L);
    }

    @Test
    void theRealFingerprinterIsUsedByDefault() {
        CleanArticle a = StoryAssignerTest.article("a2", "harbour-gazette", "Ferry returns",
                "The Ardmore ferry returned to service on Tuesday after six weeks of repairs.");
        FingerprintProcessor p = new FingerprintProcessor();
        MockProcessorContext<String, FingerprintedArticle> context = new MockProcessorContext<>();
        p.init(context);
        p.process(new Record<>("raw-key", CleanOutcome.clean(a), 1_000L));

        assertThat(context.forwarded().get(0).record().value().fingerprint()).usingRecursiveComparison()
                .isEqualTo(Fingerprinter.of(a));
    }
}
