package dev.rewire.enrich.boilerplate;

/**
 * One general test for a line (or paragraph) of page furniture. Exists so that each kind of boilerplate is
 * a separately named, separately tested and separately counted decision rather than one opaque regex.
 *
 * <p>Implementations must be stateless and thread-safe: one instance serves every stream thread.
 */
public interface BoilerplateRule {

    /** Stable name, used as the key of the removal count in {@code CleanArticle.boilerplate}. */
    String name();

    /** True when {@code line} (already trimmed, never blank) is furniture rather than article text. */
    boolean isBoilerplate(String line);

    /**
     * The same decision, given {@code lower}, the line lower-cased with {@code Locale.ROOT}, and {@code words},
     * its {@code Lines.words} count: the chain computes both once per line for all rules, so that rules can
     * rule a line out with a cheap {@code indexOf} before any regex runs. Must answer exactly as {@link
     * #isBoilerplate(String)}. {@code lower} is null for rules without a word limit ({@link #maxWords}), which
     * judge every paragraph.
     */
    default boolean isBoilerplate(String line, String lower, int words) {
        return isBoilerplate(line);
    }

    /**
     * Lines with more words than this are never claimed by the rule, so the chain skips it for them without
     * calling {@link #isBoilerplate} (most rules judge short lines only; paragraphs are most of the text).
     */
    default int maxWords() {
        return Integer.MAX_VALUE;
    }
}
