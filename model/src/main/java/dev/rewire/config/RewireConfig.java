package dev.rewire.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    /** The duration forms {@link #getDuration(String)} accepts, for error messages. */
    public static final String DURATION_FORMS = "a duration like 500ms, 30s, 10m, 2h, 7d or PT5M";

    private static final Logger LOG = LoggerFactory.getLogger(RewireConfig.class);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    /** The per-outlet keys the defaults file documents: {@code ingest.outlets.<name>.<setting>}. */
    private static final Pattern OUTLET_KEY = Pattern.compile("ingest\\.outlets\\.(.+)\\.([^.]+)");
    private static final List<String> OUTLET_SETTINGS = List.of("seeds", "pollInterval", "include", "exclude");
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
            Map<String, String> fromFile = readFile(userFile);
            unknownKeyWarnings(fromFile.keySet(), userFile.toString()).forEach(LOG::warn);
            merged.putAll(fromFile);
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
            throw invalid(key, value, DURATION_FORMS);
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

    /**
     * True for the keys the defaults file documents: its own keys, any {@code kafka.*} pass-through key and
     * the per-outlet keys {@code ingest.outlets.<name>.seeds|pollInterval|include|exclude}.
     */
    public static boolean isKnownKey(String key) {
        if (key.startsWith(KAFKA_PREFIX) || KnownKeys.ALL.contains(key)) {
            return true;
        }
        Matcher m = OUTLET_KEY.matcher(key);
        return m.matches() && OUTLET_SETTINGS.contains(m.group(2));
    }

    /**
     * The known key {@code key} was probably meant to be (a few typing mistakes or a different case away,
     * or the only known key ending in {@code .key}), or null when none is close.
     */
    public static String closestKnownKey(String key) {
        Matcher outlet = OUTLET_KEY.matcher(key);
        if (outlet.matches()) {
            String setting = closest(outlet.group(2), OUTLET_SETTINGS);
            return setting == null ? null : "ingest.outlets." + outlet.group(1) + "." + setting;
        }
        Set<String> known = KnownKeys.ALL;
        String near = closest(key, known);
        if (near != null) {
            return near;
        }
        List<String> endingWith = known.stream().filter(k -> k.endsWith("." + key)).toList();
        return endingWith.size() == 1 ? endingWith.get(0) : null;
    }

    /**
     * One warning for each key of {@code keys} that {@link #isKnownKey is not known}, naming it, where it
     * came from and the {@link #closestKnownKey closest known key}. Unknown keys are not errors: a shared
     * configuration file may carry keys for other tools or versions.
     */
    public static List<String> unknownKeyWarnings(Collection<String> keys, String source) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            if (!isKnownKey(key)) {
                String near = closestKnownKey(key);
                out.add("unknown configuration key '" + key + "' (" + source + "): Rewire does not read it"
                        + (near == null ? "" : "; did you mean '" + near + "'?")
                        + " (every key: rewire-defaults.properties)");
            }
        }
        return out;
    }

    /** The candidate within a small edit distance of {@code word} (ignoring case), the nearest first; or null. */
    private static String closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, Math.min(3, w.length() / 4));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(w, c.toLowerCase(Locale.ROOT));
            if (d <= limit && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance of {@code a} and {@code b}. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * Parses the duration forms accepted by {@link #getDuration(String)}.
     *
     * @throws IllegalArgumentException when {@code text} is none of them (also for a malformed ISO-8601 form)
     */
    public static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text, e);
            }
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

    /** The keys of the defaults file, read once when first needed. */
    private static final class KnownKeys {
        static final Set<String> ALL = Set.copyOf(defaultsMap().keySet());
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
