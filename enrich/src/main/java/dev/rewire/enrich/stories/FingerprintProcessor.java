package dev.rewire.enrich.stories;

import dev.rewire.enrich.clean.CleanOutcome;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The "fingerprint" node: computes each clean article's {@link Fingerprint} and re-keys it by article id.
 * Stateless and partition-local, so this per-article work scales out with {@code news.raw}'s partitions
 * before the single-partition story index.
 */
public final class FingerprintProcessor implements Processor<String, CleanOutcome, String, FingerprintedArticle> {

    private ProcessorContext<String, FingerprintedArticle> context;

    @Override
    public void init(ProcessorContext<String, FingerprintedArticle> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, CleanOutcome> record) {
        if (record.value() == null || record.value().article() == null) {
            return;
        }
        FingerprintedArticle fa = FingerprintedArticle.of(record.value().article(), record.timestamp());
        context.forward(record.withKey(fa.article().id()).withValue(fa));
    }
}
