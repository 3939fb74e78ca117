package dev.rewire.enrich.boilerplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies an ordered list of {@link BoilerplateRule}s to a text's lines: the first rule that claims a line
 * removes it and has the removal counted under its name. Exists so that extractors share one policy and
 * one audit trail, and so that new rules (or learned, per-outlet ones) can be added without touching them.
 *
 * <p>Immutable and thread-safe when its rules are.
 */
public final class BoilerplateChain {

    private static final BoilerplateChain DEFAULT = new BoilerplateChain(List.of(
            new SiteChromeRule(), new SocialCallToActionRule(), new CopyrightRule(), new RelatedLinksRule(),
            new LinkListRule(), new LoneWordRule(), new NewsletterRule(), new PaywallRule(), new DatelineRule(),
            new BylineRule(), new AboutUsRule(), new SupportPromptRule(), new MarkupLeakRule(),
            new PlaceholderTextRule()));

    private final List<BoilerplateRule> rules;

    /** A chain of {@code rules}, tried in this order. */
    public BoilerplateChain(List<BoilerplateRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The general rules every extractor uses. */
    public static BoilerplateChain defaults() {
        return DEFAULT;
    }

    /** The rules, in the order they are tried. */
    public List<BoilerplateRule> rules() {
        return rules;
    }

    /** The first rule that calls {@code line} boilerplate, or null when the line is kept. */
    public BoilerplateRule match(String line) {
        String s = line.strip();
        if (s.isEmpty()) {
            return null;
        }
        int words = Lines.words(s);
        // Lower-cased once, for the first rule with a word limit that judges the line: rules without a limit
        // judge every paragraph and get null (they lower-case themselves in the rare case they need to).
        String lower = null;
        for (BoilerplateRule rule : rules) {
            int max = rule.maxWords();
            if (words > max) {
                continue;
            }
            if (lower == null && max != Integer.MAX_VALUE) {
                lower = s.toLowerCase(Locale.ROOT);
            }
            if (rule.isBoilerplate(s, max == Integer.MAX_VALUE ? null : lower, words)) {
                return rule;
            }
        }
        return null;
    }

    /**
     * Keeps the lines no rule claims and adds one count per removed line to {@code counts} under the
     * removing rule's name. Blank lines are dropped without being counted.
     */
    public List<String> filter(List<String> lines, Map<String, Integer> counts) {
        List<String> kept = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line == null || line.isBlank()) {
                continue;
            }
            BoilerplateRule rule = match(line);
            if (rule == null) {
                kept.add(line.strip());
            } else {
                counts.merge(rule.name(), 1, Integer::sum);
            }
        }
        return kept;
    }

    /** Convenience for tests and tools: the kept lines and the counts of one pass. */
    public Result filter(List<String> lines) {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> kept = filter(lines, counts);
        return new Result(kept, counts);
    }

    /** The outcome of {@link #filter(List)}. */
    public record Result(List<String> kept, Map<String, Integer> removed) {
    }
}
