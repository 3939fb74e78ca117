package dev.rewire.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewire's configuration: an immutable map of string keys read through typed getters.
 *
 * <p>Layers, each over the one before: the defaults file {@code rewire-defaults.properties} shipped in the
 * model jar (every key is documented there), an optional user properties file, then environment variables
 * named {@code REWIRE_} plus the key in upper case with dots (and camel-case humps) as underscores, e.g.
 * {@code REWIRE_KAFKA_BOOTSTRAP_SERVERS} for {@code kafka.bootstrap.servers} or
 * {@code REWIRE_INGEST_ALLOW_PRIVATE_NETWORKS} for {@code ingest.allowPrivateNetworks}. Keys under
 * {@code kafka.} are passed through to every Kafka client and to Kafka Streams.
 *
 * <p>Getters fail fast with a {@link ConfigException} naming the key. Thread-safe (immutable).
 */
public final class RewireConfig {

    public static final String DEFAULTS_RESOURCE = "/rewire-defaults.properties";
    public static final String ENV_PREFIX = "REWIRE_";
    public static final String KAFKA_PREFIX = "kafka.";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?", Pattern.CASE_INSENSITIVE);

    private final Map<String, String> values;

    private RewireConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Defaults, then the user file (if any), then the process environment. */
    public static RewireConfig load(Path userFile) {
        return load(userFile, System.getenv());
    }

    /** Defaults, then the user file (if any), then {@code env}. */
    public static RewireConfig load(Path userFile, Map<String, String> env) {
        Map<String, String> merged = new LinkedHashMap<>(defaultsMap());
        if (userFile != null) {
            merged.putAll(readFile(userFile));
        }
        merged.putAll(fromEnvironment(env, merged.keySet()));
        return new RewireConfig(merged);
    }

    /** The shipped defaults only (for tests and tools). */
    public static RewireConfig defaults() {
        return new RewireConfig(defaultsMap());
    }

    /** A copy with {@code key} set to {@code value}. */
    public RewireConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new RewireConfig(copy);
    }

    /** A copy with every entry of {@code overrides} set. */
    public RewireConfig with(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.putAll(overrides);
        return new RewireConfig(copy);
    }

    /** True when {@code key} has a non-blank value. */
    public boolean isSet(String key) {
        String value = values.get(key);
        return value != null && !value.isBlank();
    }

    /** The trimmed value, or null when unset or blank. */
    public String getOptional(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The trimmed value; fails when it is unset. */
    public String getString(String key) {
        String value = getOptional(key);
        if (value == null) {
            throw new ConfigException("configuration key '" + key + "' must be set");
        }
        return value;
    }

    /** The value, or {@code fallback} when unset. */
    public String getString(String key, String fallback) {
        String value = getOptional(key);
        return value == null ? fallback : value;
    }

    public int getInt(String key) {
        String value = getString(key);
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer");
        }
    }

    public long getLong(String key) {
        String value = getString(key);
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer");
        }
    }

    public double getDouble(String key) {
        String value = getString(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a number");
        }
    }

    public boolean getBoolean(String key) {
        String value = getString(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, value, "true or false");
        };
    }

    /** A duration such as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 {@code PT5M}. */
    public Duration getDuration(String key) {
        String value = getString(key);
        try {
            return parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "a duration like 500ms, 30s, 5m, 2h, 7d or PT5M");
        }
    }

    /** A size in bytes such as {@code 5000000}, {@code 512kb}, {@code 5mb}, {@code 1gb}. */
    public long getBytes(String key) {
        String value = getString(key);
        Matcher m = SIZE.matcher(value.replace("_", ""));
        if (!m.matches()) {
            throw invalid(key, value, "a size like 5000000, 512kb or 5mb");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "kb" -> n * 1024;
            case "mb" -> n * 1024 * 1024;
            case "gb" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    /** A path; relative paths are resolved against {@code rewire.dataDir} when {@code underDataDir}. */
    public Path getPath(String key, boolean underDataDir) {
        Path path = Path.of(getString(key));
        if (underDataDir && !path.isAbsolute()) {
            return dataDir().resolve(path);
        }
        return path;
    }

    /** The directory where local mode keeps its broker, database and files. */
    public Path dataDir() {
        return Path.of(getString("rewire.dataDir"));
    }

    /** Every {@code kafka.*} entry with the prefix removed, non-blank values only. */
    public Map<String, String> kafkaProperties() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX) && v != null && !v.isBlank()) {
                out.put(k.substring(KAFKA_PREFIX.length()), v.trim());
            }
        });
        return out;
    }

    /** Every entry whose key starts with {@code prefix}, prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** All entries, secrets masked: safe to log. */
    public Map<String, String> redacted() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, isSecret(k) && v != null && !v.isBlank() ? "******" : v));
        return out;
    }

    /** True for keys whose values must never be logged. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.contains("credential");
    }

    /** Parses the duration forms accepted by {@link #getDuration(String)}. */
    public static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("pt") || value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The environment variable name for {@code key}: {@code ingest.allowPrivateNetworks} → {@code REWIRE_INGEST_ALLOW_PRIVATE_NETWORKS}. */
    public static String envName(String key) {
        String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').replace('-', '_');
        return ENV_PREFIX + snake.toUpperCase(Locale.ROOT);
    }

    static Map<String, String> fromEnvironment(Map<String, String> env, Iterable<String> knownKeys) {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (String key : knownKeys) {
            byEnvName.put(envName(key), key);
        }
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX)) {
                return;
            }
            String key = byEnvName.get(name);
            if (key == null) {
                // Unknown keys (e.g. Kafka pass-through such as REWIRE_KAFKA_SASL_MECHANISM) map to dotted lower case.
                key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
            out.put(key, value);
        });
        return out;
    }

    private static Map<String, String> defaultsMap() {
        try (InputStream in = RewireConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("the defaults file " + DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            return toMap(in, DEFAULTS_RESOURCE);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return toMap(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> toMap(InputStream in, String source) throws IOException {
        Properties props = new Properties();
        try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("malformed properties in " + source + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }

    private static ConfigException invalid(String key, String value, String expected) {
        String shown = isSecret(key) ? "******" : value;
        return new ConfigException("configuration key '" + key + "' is '" + shown + "', expected " + expected
                + " (set it in your --config file or as " + envName(key) + ")");
    }

    @Override
    public String toString() {
        return "RewireConfig" + redacted();
    }
}
