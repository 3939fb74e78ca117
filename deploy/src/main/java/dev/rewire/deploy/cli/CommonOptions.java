package dev.rewire.deploy.cli;

import dev.rewire.config.RewireConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every command shares: the user configuration file, the data directory and single-key
 * overrides. Resolved into one {@link RewireConfig} (defaults, then file, then environment, then these
 * options).
 */
public final class CommonOptions {

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

    /** The effective configuration. */
    public RewireConfig load() {
        RewireConfig cfg = RewireConfig.load(config);
        if (dataDir != null) {
            cfg = cfg.with("rewire.dataDir", dataDir.toString());
        }
        return cfg.with(overrides);
    }
}
