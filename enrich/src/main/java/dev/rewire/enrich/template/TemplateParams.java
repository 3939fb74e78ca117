package dev.rewire.enrich.template;

import dev.rewire.config.RewireConfig;
import java.time.Duration;

/**
 * Settings of template learning, read once from the configuration (keys {@code enrich.template.*}).
 *
 * @param enabled           false passes every article through untouched
 * @param minArticles       a block seen in this many distinct articles of one outlet is that outlet's furniture
 * @param minOutlets        a block seen in this many distinct outlets is cross-outlet furniture
 * @param minCrossOutletWords blocks shorter than this never count as cross-outlet furniture (generic headings
 *                          such as "Conclusion" recur across outlets without being furniture)
 * @param horizon           sightings older than this (event time) are forgotten
 */
public record TemplateParams(boolean enabled, int minArticles, int minOutlets, int minCrossOutletWords,
                             Duration horizon) {

    /** The defaults of {@code rewire-defaults.properties}. */
    public static final TemplateParams DEFAULTS = new TemplateParams(true, 3, 8, 5, Duration.ofDays(14));

    public TemplateParams {
        if (minArticles < 2 || minOutlets < 2) {
            throw new IllegalArgumentException("enrich.template.minArticles and minOutlets must be at least 2");
        }
    }

    /** From {@code config}; keys that are not set keep their defaults (an older model jar must not stop us). */
    public static TemplateParams from(RewireConfig config) {
        return new TemplateParams(
                config.isSet("enrich.template.enabled") ? config.getBoolean("enrich.template.enabled") : DEFAULTS.enabled,
                config.isSet("enrich.template.minArticles") ? config.getInt("enrich.template.minArticles")
                        : DEFAULTS.minArticles,
                config.isSet("enrich.template.minOutlets") ? config.getInt("enrich.template.minOutlets")
                        : DEFAULTS.minOutlets,
                config.isSet("enrich.template.minCrossOutletWords")
                        ? config.getInt("enrich.template.minCrossOutletWords") : DEFAULTS.minCrossOutletWords,
                config.isSet("enrich.template.horizon") ? config.getDuration("enrich.template.horizon")
                        : DEFAULTS.horizon);
    }
}
