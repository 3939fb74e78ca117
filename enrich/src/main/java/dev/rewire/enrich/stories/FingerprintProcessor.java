package dev.rewire.enrich.stories;

import dev.rewire.enrich.clean.CleanOutcome;
import dev.rewire.model.CleanArticle;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "fingerprint" node: computes each clean article's {@link Fingerprint} and re-keys it by article id.
 * Stateless and partition-local, so this per-article work scales out with {@code news.raw}'s partitions
 * before the single-partition story index.
 *
 * <p>A text the fingerprinter fails on (a defect, not an input error: the article is already clean) must
 * not stop the stream thread, which would fail on the same record again after every restart. The
 * article then gets its exact-copy hash only ({@link Fingerprinter#exactOnly}): it still reaches
 * {@code news.clean}, as a story of its own unless an identical text is known, and a warning names it.
 */
public final class FingerprintProcessor implements Processor<String, CleanOutcome, String, FingerprintedArticle> {

    private static final Logger LOG = LoggerFactory.getLogger(FingerprintProcessor.class);

    private final Function<CleanArticle, Fingerprint> fingerprinter;
    private ProcessorContext<String, FingerprintedArticle> context;

    /** With the real {@link Fingerprinter}. */
    public FingerprintProcessor() {
        this(Fingerprinter::of);
    }

    /** With {@code fingerprinter} (tests make it fail). */
    FingerprintProcessor(Function<CleanArticle, Fingerprint> fingerprinter) {
        this.fingerprinter = fingerprinter;
    }

    @Override
    public void init(ProcessorContext<String, FingerprintedArticle> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, CleanOutcome> record) {
        if (record.value() == null || record.value().article() == null) {
            return;
        }
        CleanArticle article = record.value().article();
        Fingerprint fp;
        try {
            fp = fingerprinter.apply(article);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("article {} ({}): fingerprinting failed ({}: {}); it is matched by its exact text only",
                    article.id(), article.url(), e.getClass().getSimpleName(), e.getMessage());
            fp = Fingerprinter.exactOnly(article);
        }
        FingerprintedArticle fa = new FingerprintedArticle(article, fp, record.timestamp());
        context.forward(record.withKey(article.id()).withValue(fa));
    }
}
