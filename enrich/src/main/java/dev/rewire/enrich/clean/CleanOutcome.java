package dev.rewire.enrich.clean;

import dev.rewire.model.CleanArticle;
import dev.rewire.model.Rejected;

/**
 * The result of cleaning one input: exactly one of {@code article} and {@code rejected} is non-null.
 * Exists so one processor can feed both the rejection branch and the story branch of the topology; it
 * never leaves the process (it is not serialised).
 */
public record CleanOutcome(CleanArticle article, Rejected rejected) {

    public CleanOutcome {
        if ((article == null) == (rejected == null)) {
            throw new IllegalArgumentException("exactly one of article and rejected must be set");
        }
    }

    public static CleanOutcome clean(CleanArticle article) {
        return new CleanOutcome(article, null);
    }

    public static CleanOutcome rejected(Rejected rejected) {
        return new CleanOutcome(null, rejected);
    }

    public boolean isRejected() {
        return rejected != null;
    }
}
