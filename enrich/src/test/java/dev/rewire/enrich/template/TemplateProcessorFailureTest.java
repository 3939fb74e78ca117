package dev.rewire.enrich.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.enrich.clean.CleanOutcome;
import dev.rewire.model.CleanArticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class TemplateProcessorFailureTest {

    @Test
    void aLearningFailureOnOneArticleLetsItThroughUnchangedAndIsCounted() {
        MockProcessorContext<String, CleanOutcome> context = new MockProcessorContext<>();
        // A store whose reads fail with a plain runtime exception: a bug, not a storage failure.
        StateStore broken = (StateStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> TemplateProcessor.STORE;
                    case "persistent", "isOpen" -> method.getName().equals("isOpen");
                    default -> throw new IllegalStateException("broken read");
                });
        context.addStateStore(broken);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TemplateProcessor processor = new TemplateProcessor(TemplateParams.from(RewireConfig.defaults()), Duration.ZERO,
                registry);
        processor.init(context);
        CleanArticle article = new CleanArticle(1, "a1", "i-1", "https://ledger.example/a1", "https://ledger.example/a1",
                "ledger.example", "Title", null, null, Instant.parse("2031-04-02T08:00:00Z"), "en",
                "First paragraph of the article.\n\nSecond paragraph of the article.", 10, null, null, null, null, null);

        processor.process(new Record<>("ledger.example", new OutletArticle("k1", article), 0L));

        assertThat(context.forwarded()).singleElement().satisfies(f -> {
            assertThat(f.record().key()).isEqualTo("k1");
            assertThat(f.record().value().article()).isEqualTo(article);
        });
        assertThat(registry.get(EnrichMetrics.STEP_FAILURES).tag("step", "templates").counter().count()).isEqualTo(1.0);
    }
}
