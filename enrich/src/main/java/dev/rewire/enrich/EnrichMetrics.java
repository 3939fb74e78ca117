package dev.rewire.enrich;

import dev.rewire.model.RejectReason;
import dev.rewire.model.Relation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The enrich stage's Micrometer meters, registered once on the registry the caller passes in. Exists so
 * that operators can see, per reason, why inputs are rejected and how articles relate to stories, and so
 * that meter names live in one place. Every reason and relation is registered up front, so a dashboard
 * sees zeros rather than missing series. Thread-safe.
 */
public final class EnrichMetrics {

    /** Records read from the raw topic. */
    public static final String READ = "rewire.enrich.read";
    /** Records that came out of the clean stage as an article. */
    public static final String CLEAN = "rewire.enrich.clean";
    /** Records rejected, tagged {@code reason} with the reason code. */
    public static final String REJECTED = "rewire.enrich.rejected";
    /** New stories started. */
    public static final String STORIES = "rewire.enrich.stories";
    /** Articles emitted to the clean topic, tagged {@code relation}. */
    public static final String RELATION = "rewire.enrich.relation";
    /** Time spent extracting one article. */
    public static final String EXTRACT = "rewire.enrich.extract";
    /**
     * Articles a step failed on and let through without its work, tagged {@code step} ({@code templates}:
     * the article keeps its outlet's template blocks; {@code stories}: it goes out as a story of its own).
     * Anything above zero is a bug to report, with the WARN/ERROR log line naming the article.
     */
    public static final String STEP_FAILURES = "rewire.enrich.step.failures";

    private final Counter read;
    private final Counter clean;
    private final Counter stories;
    private final Counter storyFailures;
    private final Timer extract;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<Relation, Counter> relations = new EnumMap<>(Relation.class);

    /** Registers the meters on {@code registry}. */
    public EnrichMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        read = Counter.builder(READ).description("records read from the raw topic").register(registry);
        clean = Counter.builder(CLEAN).description("records cleaned into articles").register(registry);
        stories = Counter.builder(STORIES).description("new stories started").register(registry);
        storyFailures = stepFailures(registry, "stories");
        extract = Timer.builder(EXTRACT).description("time to extract one article").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder(REJECTED).description("records rejected, by reason")
                    .tag("reason", reason.code()).register(registry));
        }
        for (Relation relation : Relation.values()) {
            relations.put(relation, Counter.builder(RELATION).description("articles emitted, by relation to their story")
                    .tag("relation", relation.wireName()).register(registry));
        }
    }

    /** The counter of articles {@code step} failed on (see {@link #STEP_FAILURES}). */
    public static Counter stepFailures(MeterRegistry registry, String step) {
        return Counter.builder(STEP_FAILURES).description("articles a step failed on and let through without its work")
                .tag("step", step).register(registry);
    }

    /** The story decision failed on an article. */
    public void storyFailed() {
        storyFailures.increment();
    }

    public void read() {
        read.increment();
    }

    public void clean() {
        clean.increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void newStory() {
        stories.increment();
    }

    public void relation(Relation relation) {
        relations.get(relation).increment();
    }

    /** The extraction timer. */
    public Timer extractTimer() {
        return extract;
    }
}
