package dev.rewire.deploy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the operations files under {@code deploy/} (Dockerfile, compose, Kubernetes, Prometheus, Grafana) for
 * {@link OpsFilesTest} and {@link OpsMetricsTest}, and answers questions about Rewire's configuration with
 * the project's own code ({@link RewireConfig}), so the files are checked against what the program really
 * reads.
 */
final class OpsFiles {

    /** The repository root: the first directory up from the working directory holding deploy/docker/Dockerfile. */
    static final Path ROOT = findRoot();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path DOCKERFILE = DEPLOY.resolve("docker/Dockerfile");
    static final Path DOCKERIGNORE = DEPLOY.resolve("docker/Dockerfile.dockerignore");
    static final Path COMPOSE_DIR = DEPLOY.resolve("compose");
    static final Path COMPOSE = COMPOSE_DIR.resolve("compose.yaml");
    static final Path K8S = DEPLOY.resolve("k8s");
    static final Path PROMETHEUS = DEPLOY.resolve("prometheus/prometheus.yml");
    static final Path PROMETHEUS_K8S = DEPLOY.resolve("prometheus/prometheus-kubernetes.yml");
    static final Path RULES = DEPLOY.resolve("prometheus/rules.yml");
    static final Path GRAFANA = DEPLOY.resolve("grafana");
    static final Path DASHBOARD = GRAFANA.resolve("dashboards/rewire.json");

    /** The stages a long-running container runs, one command each. */
    static final Set<String> STAGES = Set.of("ingest", "enrich", "sink");

    private static final Pattern REWIRE_ENV = Pattern.compile("\\bREWIRE_[A-Z0-9_]*[A-Z0-9]\\b");
    private static final String SENTINEL = "\u0000ops-files-sentinel";

    private OpsFiles() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("deploy/docker/Dockerfile")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no deploy/docker/Dockerfile above " + dir);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ YAML

    /** Every document of a YAML file (anchors, aliases and merge keys resolved, as Compose does). */
    static List<Object> yamlDocuments(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Object> docs = new ArrayList<>();
        for (Object doc : yaml.loadAll(read(file))) {
            if (doc != null) {
                docs.add(doc);
            }
        }
        return docs;
    }

    /** The single document of a YAML file, as a map. */
    static Map<String, Object> yamlMap(Path file) {
        List<Object> docs = yamlDocuments(file);
        assertThat(docs).as("documents in %s", file).hasSize(1);
        return map(docs.get(0));
    }

    /** Every YAML file under deploy/ (compose, k8s, prometheus, grafana). */
    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(DEPLOY.resolve("src")) && !p.startsWith(DEPLOY.resolve("target")))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o == null) {
            return List.of();
        }
        assertThat(o).as("a YAML sequence").isInstanceOf(List.class);
        return (List<Object>) o;
    }

    /** {@code path} of nested mappings ({@code "spec.template.spec"}), or null where one is missing. */
    static Object at(Object root, String path) {
        Object o = root;
        for (String part : path.split("\\.")) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(part);
        }
        return o;
    }

    static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    // ------------------------------------------------------------------------------------ Dockerfile

    /** The Dockerfile's instructions, continuation lines joined, comments dropped: [INSTRUCTION, arguments]. */
    static List<String[]> dockerInstructions() {
        List<String[]> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read(DOCKERFILE).split("\n")) {
            String t = line.strip();
            if (current.length() == 0 && (t.isEmpty() || t.startsWith("#"))) {
                continue;
            }
            if (current.length() > 0 && t.startsWith("#")) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            String full = current.toString().strip();
            current.setLength(0);
            int space = full.indexOf(' ');
            out.add(new String[] {full.substring(0, space).toUpperCase(), full.substring(space + 1).strip()});
        }
        return out;
    }

    /** The arguments of every instruction named {@code name}. */
    static List<String> docker(String name) {
        return dockerInstructions().stream().filter(i -> i[0].equals(name)).map(i -> i[1]).toList();
    }

    /** The arguments of every instruction named {@code name} in the last (runtime) stage. */
    static List<String> dockerRuntime(String name) {
        List<String[]> instructions = runtimeStage();
        return instructions.stream().filter(i -> i[0].equals(name)).map(i -> i[1]).toList();
    }

    private static List<String[]> runtimeStage() {
        List<String[]> instructions = dockerInstructions();
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i)[0].equals("FROM")) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size());
    }

    /** The environment the image sets (ENV of the last stage), quotes removed. */
    static Map<String, String> dockerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String[] ins : runtimeStage()) {
            if (ins[0].equals("ENV")) {
                for (String token : shellWords(ins[1])) {
                    int eq = token.indexOf('=');
                    assertThat(eq).as("ENV %s is KEY=VALUE", token).isPositive();
                    env.put(token.substring(0, eq), token.substring(eq + 1));
                }
            }
        }
        return env;
    }

    /** Splits on white space outside double quotes, removing the quotes. */
    static List<String> shellWords(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(w.toString());
        }
        return words;
    }

    // --------------------------------------------------------------------------------- configuration

    /** The shipped defaults: every configuration key. */
    static Map<String, String> defaults() {
        return RewireConfig.defaults().withPrefix("");
    }

    /** The configuration key RewireConfig maps environment variable {@code name} to, by its own rules. */
    static String keyOfEnv(String name) {
        Map<String, String> loaded = RewireConfig.load(null, Map.of(name, SENTINEL)).withPrefix("");
        List<String> keys = loaded.entrySet().stream().filter(e -> SENTINEL.equals(e.getValue()))
                .map(Map.Entry::getKey).toList();
        assertThat(keys).as("keys set by %s", name).hasSize(1);
        return keys.get(0);
    }

    /** The settings Kafka's producer, consumer, admin client and Kafka Streams know. */
    static Set<String> kafkaClientConfigNames() {
        Set<String> names = new TreeSet<>();
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        names.addAll(StreamsConfig.configDef().names());
        return names;
    }

    /** Null when {@code key} is a key Rewire reads; otherwise why not. */
    static String unknownKeyReason(String key, Set<String> outletSuffixes) {
        if (defaults().containsKey(key)) {
            return null;
        }
        if (key.startsWith(RewireConfig.KAFKA_PREFIX)) {
            String client = key.substring(RewireConfig.KAFKA_PREFIX.length());
            return kafkaClientConfigNames().contains(client) ? null
                    : "'" + key + "' passes '" + client + "' to the Kafka clients, which know no such setting";
        }
        Matcher m = Pattern.compile("ingest\\.outlets\\.(.+)\\.([^.]+)").matcher(key);
        if (m.matches() && outletSuffixes.contains(m.group(2))) {
            return null;
        }
        return "'" + key + "' is not in rewire-defaults.properties"
                + (m.matches() ? " (per-outlet keys: " + outletSuffixes + ")" : "");
    }

    /** The per-outlet keys the defaults file documents ({@code ingest.outlets.<name>.seeds} and so on). */
    static Set<String> documentedOutletSuffixes() {
        Set<String> suffixes = new TreeSet<>();
        try (InputStream in = RewireConfig.class.getResourceAsStream(RewireConfig.DEFAULTS_RESOURCE)) {
            String text = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("(?m)^#\\s+ingest\\.outlets\\.<name>\\.(\\w+)=").matcher(text);
            while (m.find()) {
                suffixes.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return suffixes;
    }

    /** The keys of a properties text, in file order. */
    static Set<String> propertyKeys(String text) {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LinkedHashSet<>(p.stringPropertyNames());
    }

    /** Every REWIRE_* name in {@code text} (comments included: a documented name must be right too). */
    static Set<String> rewireEnvNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = REWIRE_ENV.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /**
     * The configuration a container sees: defaults, the mounted properties file, then its environment (the
     * image's ENV under the container's own).
     */
    static RewireConfig effectiveConfig(String propertiesText, Map<String, String> containerEnv) throws IOException {
        Path file = Files.createTempFile("ops-files", ".properties");
        try {
            Files.writeString(file, propertiesText, StandardCharsets.UTF_8);
            Map<String, String> env = new LinkedHashMap<>(dockerEnv());
            env.putAll(containerEnv);
            return RewireConfig.load(file, env);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code <name>} of the parent POM's {@code <properties>}. */
    static String pomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(read(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as("property %s in pom.xml", name).isTrue();
        return m.group(1).strip();
    }

    /** The parent POM's modules. */
    static List<String> pomModules() {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(read(ROOT.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1).strip());
        }
        return modules;
    }
}
