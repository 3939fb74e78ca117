package dev.rewire.deploy.cli;

import dev.rewire.config.RewireConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Options every command shares: the user configuration file, the data directory and single-key
 * overrides. Resolved into one {@link RewireConfig} (defaults, then file, then environment, then these
 * options); a key unknown to the defaults file, in the file or in {@code --set}, is warned about (with the
 * closest known key) but kept.
 */
public final class CommonOptions {

    private static final Logger LOG = LoggerFactory.getLogger(CommonOptions.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A properties file over the defaults (every key: rewire-defaults.properties).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded broker, database and files live (rewire.dataDir).")
    Path dataDir;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Set one configuration key, e.g. --set topics.partitions=8 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
    boolean verbose;

    /**
     * The value of a duration option such as {@code --duration}, or null when it was not given.
     *
     * @throws IllegalArgumentException (exit 2) naming the option and the accepted forms
     */
    static Duration durationOption(String option, String value) {
        if (value == null) {
            return null;
        }
        Duration d;
        try {
            d = RewireConfig.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not " + RewireConfig.DURATION_FORMS, e);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(option + " '" + value + "' is negative");
        }
        return d;
    }

    /** The effective configuration. */
    public RewireConfig load() {
        RewireConfig cfg = RewireConfig.load(config);
        if (dataDir != null) {
            cfg = cfg.with("rewire.dataDir", dataDir.toString());
        }
        RewireConfig.unknownKeyWarnings(overrides.keySet(), "--set").forEach(LOG::warn);
        return cfg.with(overrides);
    }
}
