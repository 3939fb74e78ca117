package dev.rewire.enrich.template;

import dev.rewire.enrich.clean.CleanOutcome;
import dev.rewire.model.CleanArticle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The "templates" node: reads articles repartitioned by outlet, removes the blocks its store has learned to
 * be furniture ({@link TemplateLearner}) and forwards the article under the key it had before the
 * repartition. Expired sightings are swept on a wall-clock schedule, measured against stream time.
 */
public final class TemplateProcessor implements Processor<String, OutletArticle, String, CleanOutcome> {

    /** The template store (its changelog is {@code <applicationId>-outlet-templates-changelog}). */
    public static final String STORE = "outlet-templates";
    /** Counter of blocks removed by template learning, tagged {@code scope} = outlet | cross-outlet. */
    public static final String METRIC = "rewire.enrich.template.removed";

    private final TemplateParams params;
    private final Duration sweepInterval;
    private final Counter outletRemoved;
    private final Counter crossRemoved;
    private ProcessorContext<String, CleanOutcome> context;
    private TemplateLearner learner;
    private long streamTime = Long.MIN_VALUE;

    public TemplateProcessor(TemplateParams params, Duration sweepInterval, MeterRegistry registry) {
        this.params = params;
        this.sweepInterval = sweepInterval;
        this.outletRemoved = Counter.builder(METRIC).description("blocks removed by template learning")
                .tag("scope", "outlet").register(registry);
        this.crossRemoved = Counter.builder(METRIC).description("blocks removed by template learning")
                .tag("scope", "cross-outlet").register(registry);
    }

    @Override
    public void init(ProcessorContext<String, CleanOutcome> context) {
        this.context = context;
        KeyValueStore<String, BlockSightings> store = context.getStateStore(STORE);
        this.learner = new TemplateLearner(store, params);
        if (!sweepInterval.isZero() && !sweepInterval.isNegative()) {
            context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
                if (streamTime != Long.MIN_VALUE) {
                    learner.expire(streamTime - params.horizon().toMillis());
                }
            });
        }
    }

    @Override
    public void process(Record<String, OutletArticle> record) {
        OutletArticle in = record.value();
        if (in == null || in.article() == null) {
            return;
        }
        CleanArticle article = in.article();
        long at = article.eventTime() != null ? article.eventTime().toEpochMilli() : record.timestamp();
        streamTime = Math.max(streamTime, at);
        CleanArticle out = learner.apply(article, at);
        if (out != article) {
            outletRemoved.increment(out.boilerplate().getOrDefault(TemplateLearner.OUTLET_RULE, 0)
                    - (article.boilerplate() == null ? 0 : article.boilerplate().getOrDefault(TemplateLearner.OUTLET_RULE, 0)));
            crossRemoved.increment(out.boilerplate().getOrDefault(TemplateLearner.CROSS_OUTLET_RULE, 0)
                    - (article.boilerplate() == null ? 0
                    : article.boilerplate().getOrDefault(TemplateLearner.CROSS_OUTLET_RULE, 0)));
        }
        context.forward(new Record<>(in.key(), CleanOutcome.clean(out), record.timestamp(), record.headers()));
    }
}
