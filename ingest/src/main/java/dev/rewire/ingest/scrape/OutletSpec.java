package dev.rewire.ingest.scrape;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import dev.rewire.ingest.url.UrlNormaliser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One outlet the scraper follows: its name (the {@code outlet} of its articles), its seeds, how often to poll,
 * and which article URLs to take.
 *
 * <p>A seed is a home page (its advertised feeds and the sitemaps of its host's robots.txt are discovered and
 * followed; with neither, its same-site links are), or directly a feed (RSS, RDF, Atom, JSON Feed), a
 * sitemap, a sitemap index, a Google News sitemap or a plain-text URL list.
 *
 * @param name         the outlet name
 * @param seeds        normalised seed URLs, at least one
 * @param pollInterval base polling interval; each source adapts between a quarter and four times this
 * @param include      article URLs must match this (find), or null for all
 * @param exclude      article URLs matching this (find) are skipped, or null for none
 */
public record OutletSpec(String name, List<String> seeds, Duration pollInterval, Pattern include, Pattern exclude) {

    public OutletSpec {
        Objects.requireNonNull(name, "name");
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("outlet " + name + " has no seeds");
        }
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** True when the article URL passes the include and exclude patterns. */
    public boolean accepts(String url) {
        return (include == null || include.matcher(url).find()) && (exclude == null || !exclude.matcher(url).find());
    }

    /**
     * The outlets configured as {@code ingest.outlets.<name>.seeds} (comma-separated URLs), with optional
     * {@code .pollInterval} (default {@code ingest.pollInterval}), {@code .include} and {@code .exclude}
     * (regular expressions on the normalised article URL).
     *
     * @throws ConfigException on a bad seed URL, interval or pattern
     */
    public static List<OutletSpec> fromConfig(RewireConfig cfg) {
        Map<String, String> keys = cfg.withPrefix("ingest.outlets.");
        TreeSet<String> names = new TreeSet<>();
        keys.keySet().forEach(k -> {
            int dot = k.lastIndexOf('.');
            if (dot > 0) {
                names.add(k.substring(0, dot));
            }
        });
        Duration defaultInterval = cfg.getDuration("ingest.pollInterval");
        List<OutletSpec> out = new ArrayList<>();
        for (String name : names) {
            String prefix = "ingest.outlets." + name + ".";
            String seedList = keys.get(name + ".seeds");
            if (seedList == null || seedList.isBlank()) {
                throw new ConfigException(prefix + "seeds is required (comma-separated home page, feed or sitemap "
                        + "URLs)");
            }
            List<String> seeds = new ArrayList<>();
            for (String s : Arrays.stream(seedList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
                String normal = UrlNormaliser.normalise(s);
                if (normal == null) {
                    throw new ConfigException(prefix + "seeds: '" + s + "' is not an http(s) URL");
                }
                seeds.add(normal);
            }
            Duration interval = cfg.isSet(prefix + "pollInterval") ? cfg.getDuration(prefix + "pollInterval")
                    : defaultInterval;
            out.add(new OutletSpec(name, seeds, interval, pattern(prefix + "include", keys.get(name + ".include")),
                    pattern(prefix + "exclude", keys.get(name + ".exclude"))));
        }
        return out;
    }

    private static Pattern pattern(String key, String regex) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(key + ": not a regular expression: " + e.getDescription());
        }
    }
}
