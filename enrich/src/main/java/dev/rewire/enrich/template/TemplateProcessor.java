package dev.rewire.enrich.template;

import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.enrich.clean.CleanOutcome;
import dev.rewire.model.CleanArticle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "templates" node: reads articles repartitioned by outlet, removes the blocks its store has learned to
 * be furniture ({@link TemplateLearner}) and forwards the article under the key it had before the
 * repartition. Expired sightings are swept on a wall-clock schedule, measured against stream time. A
 * failure of template learning on one article lets it through unchanged (counted, logged): a bug must not
 * stop the stream thread and fail again on the same record after every restart.
 */
public final class TemplateProcessor implements Processor<String, OutletArticle, String, CleanOutcome> {

    /** The template store (its changelog is {@code <applicationId>-outlet-templates-changelog}). */
    public static final String STORE = "outlet-templates";
    /** Counter of blocks removed by template learning, tagged {@code scope} = outlet | cross-outlet. */
    public static final String METRIC = "rewire.enrich.template.removed";

    private static final Logger LOG = LoggerFactory.getLogger(TemplateProcessor.class);

    private final TemplateParams params;
    private final Duration sweepInterval;
    private final Counter outletRemoved;
    private final Counter crossRemoved;
    private final Counter failures;
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
        this.failures = EnrichMetrics.stepFailures(registry, "templates");
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
        CleanArticle out;
        try {
            out = learner.apply(article, at);
        } catch (StreamsException | SerializationException e) {
            throw e;  // the store failed, or holds a value that cannot be read: not to be hidden
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("article {} ({}): template learning failed; it goes on with its outlet's blocks kept",
                    article.id(), article.url(), e);
            failures.increment();
            out = article;
        }
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
