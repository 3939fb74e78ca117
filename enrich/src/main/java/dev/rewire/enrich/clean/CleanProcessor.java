package dev.rewire.enrich.clean;

import dev.rewire.enrich.EnrichMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The "clean" node of the topology: one {@link CleanOutcome} per raw record, same key, same timestamp.
 * Stateless, so it scales out with the raw topic's partitions; the heavy work (parsing, extraction) lives
 * here for that reason.
 */
public final class CleanProcessor implements Processor<String, byte[], String, CleanOutcome> {

    private final ArticleCleaner cleaner;
    private final EnrichMetrics metrics;
    private final BoilerplateMeters boilerplate;
    private ProcessorContext<String, CleanOutcome> context;

    public CleanProcessor(ArticleCleaner cleaner, EnrichMetrics metrics) {
        this(cleaner, metrics, null);
    }

    /** As above, also counting removals per boilerplate rule on {@code boilerplate} (when not null). */
    public CleanProcessor(ArticleCleaner cleaner, EnrichMetrics metrics, BoilerplateMeters boilerplate) {
        this.cleaner = cleaner;
        this.metrics = metrics;
        this.boilerplate = boilerplate;
    }

    @Override
    public void init(ProcessorContext<String, CleanOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        metrics.read();
        CleanOutcome outcome = cleaner.clean(record.key(), record.value(), record.timestamp());
        if (outcome.isRejected()) {
            metrics.rejected(outcome.rejected().reason().code());
        } else {
            metrics.clean();
            if (boilerplate != null) {
                boilerplate.record(outcome.article().boilerplate());
            }
        }
        context.forward(record.withValue(outcome));
    }
}
