package dev.rewire.enrich.analytics;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * The analytics settings ({@code analytics.*} in the defaults file). Read leniently — a model jar without
 * these keys gets the documented defaults — and validated.
 *
 * @param finalOnly emit each window once when it closes (window end + grace) instead of on every update
 */
public record AnalyticsConfig(boolean enabled, Duration window, Duration grace, boolean finalOnly, int maxLagSamples,
                              Duration trendingWindow, Duration trendingAdvance) {

    public AnalyticsConfig {
        if (window.isZero() || window.isNegative() || grace.isNegative()) {
            throw new ConfigException("analytics.window must be positive and analytics.grace not negative");
        }
        if (trendingAdvance.isZero() || trendingAdvance.isNegative() || trendingAdvance.compareTo(trendingWindow) > 0) {
            throw new ConfigException("need 0 < analytics.trendingAdvance <= analytics.trendingWindow");
        }
        if (maxLagSamples < 1) {
            throw new ConfigException("analytics.maxLagSamples must be at least 1");
        }
    }

    public static AnalyticsConfig fromConfig(RewireConfig c) {
        String emit = c.isSet("analytics.emit") ? c.getString("analytics.emit").toLowerCase(Locale.ROOT) : "update";
        if (!emit.equals("update") && !emit.equals("close")) {
            throw new ConfigException("analytics.emit must be update or close, was " + emit);
        }
        return new AnalyticsConfig(
                !c.isSet("analytics.enabled") || c.getBoolean("analytics.enabled"),
                c.isSet("analytics.window") ? c.getDuration("analytics.window") : Duration.ofHours(1),
                c.isSet("analytics.grace") ? c.getDuration("analytics.grace") : Duration.ofMinutes(10),
                emit.equals("close"),
                c.isSet("analytics.maxLagSamples") ? c.getInt("analytics.maxLagSamples") : 1000,
                c.isSet("analytics.trendingWindow") ? c.getDuration("analytics.trendingWindow") : Duration.ofHours(1),
                c.isSet("analytics.trendingAdvance") ? c.getDuration("analytics.trendingAdvance") : Duration.ofMinutes(5));
    }
}
