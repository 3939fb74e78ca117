package dev.rewire.deploy.ops;

import static dev.rewire.deploy.ops.OpsFiles.at;
import static dev.rewire.deploy.ops.OpsFiles.list;
import static dev.rewire.deploy.ops.OpsFiles.map;
import static dev.rewire.deploy.ops.OpsFiles.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.cli.RewireCli;
import dev.rewire.deploy.local.LocalKafka;
import dev.rewire.deploy.metrics.Metrics;
import dev.rewire.deploy.metrics.MetricsServer;
import dev.rewire.ingest.scrape.OutletSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Checks the operations files under {@code deploy/} against the code they drive, since nothing container-side
 * runs in the build: every YAML file and the Grafana dashboard parse; every {@code REWIRE_*} variable and
 * every key of the example configurations is one Rewire reads; each container's command parses with the
 * real CLI, and its effective configuration (defaults, mounted file, image and container environment, as
 * {@link RewireConfig} layers them) reaches an external Kafka (and PostgreSQL for the sink) instead of
 * starting embedded ones, binds where probes and Prometheus look, and keeps its data on its volume; the
 * compose broker's settings pass Kafka's own validation; and every probe path answers on a real
 * {@link MetricsServer}. Metric names are checked by {@link OpsMetricsTest}.
 */
class OpsFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ------------------------------------------------------------------------------------ all files

    @Test
    void theOperationsFilesExist() {
        for (String f : List.of("docker/Dockerfile", "docker/Dockerfile.dockerignore", "compose/compose.yaml",
                "compose/rewire.properties", "k8s/kustomization.yaml", "prometheus/prometheus.yml",
                "prometheus/rules.yml", "prometheus/prometheus-kubernetes.yml",
                "grafana/provisioning/datasources/prometheus.yaml", "grafana/provisioning/dashboards/rewire.yaml",
                "grafana/dashboards/rewire.json")) {
            assertThat(OpsFiles.DEPLOY.resolve(f)).as(f).isRegularFile();
        }
    }

    @Test
    void everyYamlFileParses() {
        List<Path> files = OpsFiles.yamlFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        for (Path f : files) {
            List<Object> docs = OpsFiles.yamlDocuments(f);
            assertThat(docs).as("documents of %s", f).isNotEmpty();
            docs.forEach(d -> assertThat(d).as("a document of %s", f).isInstanceOf(Map.class));
        }
    }

    @Test
    void theGrafanaDashboardParsesAndEveryPanelHasAQuery() throws IOException {
        JsonNode dash = JSON.readTree(OpsFiles.DASHBOARD.toFile());
        assertThat(dash.path("uid").asText()).isNotBlank();
        assertThat(dash.path("title").asText()).isNotBlank();
        JsonNode vars = dash.path("templating").path("list");
        assertThat(vars.size()).isEqualTo(1);
        assertThat(vars.get(0).path("type").asText()).isEqualTo("datasource");
        assertThat(vars.get(0).path("query").asText()).isEqualTo("prometheus");
        String dsVar = "${" + vars.get(0).path("name").asText() + "}";
        Set<Integer> ids = new TreeSet<>();
        int queries = 0;
        for (JsonNode p : dash.path("panels")) {
            assertThat(ids.add(p.path("id").asInt())).as("panel id %s unique", p.path("id")).isTrue();
            JsonNode pos = p.path("gridPos");
            assertThat(pos.path("x").asInt() + pos.path("w").asInt()).as("panel %s width", p.path("title")).isLessThanOrEqualTo(24);
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(p.path("datasource").path("uid").asText()).as("datasource of %s", p.path("title")).isEqualTo(dsVar);
            assertThat(p.path("targets").size()).as("queries of %s", p.path("title")).isPositive();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("expr").asText()).isNotBlank();
                assertBalanced(t.path("expr").asText());
                queries++;
            }
        }
        assertThat(queries).isGreaterThan(30);
    }

    // ------------------------------------------------------------------------------- configuration

    @Test
    void everyRewireVariableMapsToAKeyRewireReads() {
        Set<String> outletSuffixes = OpsFiles.documentedOutletSuffixes();
        Map<String, String> problems = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>();
        List<Path> files = new ArrayList<>(List.of(OpsFiles.DOCKERFILE, OpsFiles.COMPOSE));
        files.addAll(k8sFiles());
        for (Path f : files) {
            for (String name : OpsFiles.rewireEnvNames(OpsFiles.read(f))) {
                seen.add(name);
                String key = OpsFiles.keyOfEnv(name);
                String why = OpsFiles.unknownKeyReason(key, outletSuffixes);
                if (why != null) {
                    problems.put(OpsFiles.ROOT.relativize(f) + ": " + name, why);
                }
            }
        }
        assertThat(problems).as("REWIRE_* variables that map to no key Rewire reads").isEmpty();
        assertThat(seen).contains("REWIRE_WEB_HOST", "REWIRE_METRICS_HOST", "REWIRE_KAFKA_BOOTSTRAP_SERVERS",
                "REWIRE_SINK_POSTGRES_JDBC_URL", "REWIRE_SINK_POSTGRES_PASSWORD", "REWIRE_KAFKA_SASL_JAAS_CONFIG");
        // The rule at work: camel humps and pass-through keys.
        assertThat(OpsFiles.keyOfEnv("REWIRE_REWIRE_DATA_DIR")).isEqualTo("rewire.dataDir");
        assertThat(OpsFiles.keyOfEnv("REWIRE_KAFKA_SASL_JAAS_CONFIG")).isEqualTo("kafka.sasl.jaas.config");
    }

    @Test
    void theExampleConfigurationsUseRealKeys() throws IOException {
        Set<String> outletSuffixes = OpsFiles.documentedOutletSuffixes();
        assertThat(outletSuffixes).contains("seeds", "pollInterval", "include", "exclude");
        Map<String, String> examples = new LinkedHashMap<>();
        examples.put("compose/rewire.properties", OpsFiles.read(OpsFiles.COMPOSE_DIR.resolve("rewire.properties")));
        examples.put("k8s/configmap.yaml", configMapProperties());
        for (var e : examples.entrySet()) {
            Map<String, String> problems = new LinkedHashMap<>();
            for (String key : OpsFiles.propertyKeys(e.getValue())) {
                String why = OpsFiles.unknownKeyReason(key, outletSuffixes);
                if (why != null) {
                    problems.put(key, why);
                }
            }
            assertThat(problems).as("unknown keys in %s", e.getKey()).isEmpty();
            // The outlets are well-formed (seed URLs, patterns, intervals) and there is at least one.
            RewireConfig cfg = OpsFiles.effectiveConfig(e.getValue(), Map.of());
            assertThat(OutletSpec.fromConfig(cfg)).as("outlets of %s", e.getKey()).isNotEmpty();
            assertThat(cfg.getInt("topics.partitions")).isPositive();
        }
    }

    // ------------------------------------------------------------------------------------- Dockerfile

    @Test
    void theDockerfileBuildsTheDistributionLikeTheLauncherAndRunsItAsANonRootUser() throws IOException {
        List<String> from = OpsFiles.docker("FROM");
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).matches("eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jdk-\\w+ AS build");
        assertThat(from.get(1)).matches("eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jre-\\w+");

        // The build runs the launcher's own command.
        Matcher build = Pattern.compile("\\./mvnw [^)\\n]*package -pl deploy -am").matcher(OpsFiles.read(OpsFiles.ROOT.resolve("rewire")));
        assertThat(build.find()).as("the build command of ./rewire").isTrue();
        assertThat(String.join("\n", OpsFiles.docker("RUN"))).contains(build.group());
        // Maven reads every module's POM even with -pl: each is copied, with its sources.
        List<String> copies = OpsFiles.docker("COPY");
        for (String module : OpsFiles.pomModules()) {
            assertThat(copies).as("COPY of module %s", module).contains(module + "/pom.xml " + module + "/", module + "/src/ " + module + "/src/");
        }
        assertThat(copies).contains("--chmod=0755 mvnw ./", "pom.xml ./", ".mvn/ .mvn/",
                "--from=build /src/deploy/target/lib/ /opt/rewire/lib/",
                "--from=build /src/deploy/target/rewire.jar /opt/rewire/rewire.jar");

        List<String> entrypoint = jsonArray(single(OpsFiles.dockerRuntime("ENTRYPOINT")));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", "/opt/rewire/rewire.jar");
        assertParses(jsonArray(single(OpsFiles.dockerRuntime("CMD"))));

        String user = single(OpsFiles.dockerRuntime("USER"));
        assertThat(user).matches("\\d+:\\d+").isNotEqualTo("0:0");
        assertThat(user.split(":")[0]).isEqualTo(String.valueOf(imageUid()));
        assertThat(OpsFiles.read(OpsFiles.DOCKERFILE)).contains("useradd --uid " + imageUid());

        Map<String, String> defaults = OpsFiles.defaults();
        assertThat(single(OpsFiles.dockerRuntime("EXPOSE")).split("\\s+"))
                .containsExactlyInAnyOrder(defaults.get("web.port"), defaults.get("metrics.port"));
        assertThat(OpsFiles.dockerEnv().get("JDK_JAVA_OPTIONS")).contains("-XX:MaxRAMPercentage=");

        // The image's environment: reachable web and metrics servers, data in the volume.
        RewireConfig image = OpsFiles.effectiveConfig("", Map.of());
        assertThat(image.getString("web.host")).isEqualTo("0.0.0.0");
        assertThat(image.getString("metrics.host")).isEqualTo("0.0.0.0");
        String dataDir = image.dataDir().toString();
        assertThat(jsonArray(single(OpsFiles.dockerRuntime("VOLUME")))).containsExactly(dataDir);
        assertThat(single(OpsFiles.dockerRuntime("WORKDIR"))).isEqualTo(dataDir);
    }

    @Test
    void theDockerignoreKeepsOutBuildOutputAndKeepsInEveryBuildInput() throws IOException {
        List<String> patterns = OpsFiles.read(OpsFiles.DOCKERIGNORE).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(patterns).contains(".git", "**/target", "data");
        List<PathMatcher> matchers = new ArrayList<>();
        for (String p : patterns) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p + "/**"));
        }
        java.util.function.Predicate<String> ignored = rel -> matchers.stream().anyMatch(m -> m.matches(Path.of(rel)));
        for (String out : List.of(".git/HEAD", "deploy/target/rewire.jar", "model/target/classes/x.class", "data/kafka/meta.properties")) {
            assertThat(ignored.test(out)).as("%s ignored", out).isTrue();
        }
        List<String> inputs = new ArrayList<>(List.of("mvnw", "pom.xml", ".mvn/wrapper/maven-wrapper.properties"));
        for (String module : OpsFiles.pomModules()) {
            inputs.add(module + "/pom.xml");
            try (Stream<Path> files = Files.walk(OpsFiles.ROOT.resolve(module).resolve("src"))) {
                files.filter(Files::isRegularFile).forEach(f -> inputs.add(OpsFiles.ROOT.relativize(f).toString()));
            }
        }
        assertThat(inputs.stream().filter(ignored).toList()).as("build inputs the .dockerignore drops").isEmpty();
    }

    // ----------------------------------------------------------------------------------------- compose

    @Test
    void composeRunsTheThreeStagesAgainstItsKafkaAndPostgres() throws IOException {
        Map<String, Object> compose = OpsFiles.yamlMap(OpsFiles.COMPOSE);
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("kafka", "postgres", "ingest", "enrich", "sink", "prometheus", "grafana");
        Map<String, String> defaults = OpsFiles.defaults();
        Map<String, String> stageService = new HashMap<>();
        for (var e : services.entrySet()) {
            Map<String, Object> svc = map(e.getValue());
            String image = str(svc.get("image"));
            assertThat(image).as("image of %s", e.getKey()).isNotBlank().doesNotEndWith(":latest");
            if (svc.get("build") == null) {
                assertThat(image).as("pinned image of %s", e.getKey()).matches(".+:v?\\d+\\.\\d+(\\.\\d+)?");
                continue;
            }
            // A Rewire stage: built from the Dockerfile, one command each.
            Path context = OpsFiles.COMPOSE_DIR.resolve(str(at(svc, "build.context"))).normalize();
            assertThat(context).isEqualTo(OpsFiles.ROOT);
            assertThat(context.resolve(str(at(svc, "build.dockerfile"))).normalize()).isEqualTo(OpsFiles.DOCKERFILE);
            List<String> command = list(svc.get("command")).stream().map(String::valueOf).toList();
            String stage = assertParses(command);
            assertThat(stageService.put(stage, e.getKey())).as("one service runs %s", stage).isNull();

            Map<String, String> mounts = composeMounts(svc);
            String configFile = configOption(command);
            assertThat(mounts).as("a mount for %s", configFile).containsKey(configFile);
            Path source = OpsFiles.COMPOSE_DIR.resolve(mounts.get(configFile)).normalize();
            assertThat(source).isRegularFile();
            RewireConfig cfg = OpsFiles.effectiveConfig(OpsFiles.read(source), stringMap(svc.get("environment")));
            assertExternalInfrastructure(stage, cfg, e.getKey());
            assertThat(mounts).as("a volume at the data directory of %s", e.getKey()).containsKey(cfg.dataDir().toString());
            assertThat(str(at(svc, "stop_grace_period"))).isNotNull();

            // Kafka and PostgreSQL are this file's services.
            String bootstrap = cfg.getString("kafka.bootstrap.servers");
            String kafkaHost = bootstrap.split(":")[0];
            assertThat(services).containsKey(kafkaHost);
            assertThat(str(at(services.get(kafkaHost), "environment.KAFKA_ADVERTISED_LISTENERS"))).contains("://" + bootstrap);
            assertThat(map(svc.get("depends_on"))).containsKey(kafkaHost);
            if (stage.equals("sink")) {
                String jdbc = cfg.getString("sink.postgres.jdbcUrl");
                Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(jdbc);
                assertThat(m.matches()).as(jdbc).isTrue();
                Map<String, Object> pg = map(services.get(m.group(1)));
                assertThat(str(at(pg, "environment.POSTGRES_DB"))).isEqualTo(m.group(3));
                assertThat(str(at(pg, "environment.POSTGRES_USER"))).isEqualTo(cfg.getString("sink.postgres.user"));
                assertThat(str(at(pg, "environment.POSTGRES_PASSWORD"))).isEqualTo(cfg.getString("sink.postgres.password"));
                assertThat(map(svc.get("depends_on"))).containsKey(m.group(1));
                assertThat(list(svc.get("ports"))).contains("127.0.0.1:" + defaults.get("web.port") + ":" + cfg.getString("web.port"));
            }
            // The health check asks the stage's own /health.
            String health = String.join(" ", list(at(svc, "healthcheck.test")).stream().map(String::valueOf).toList());
            assertThat(health).contains("/" + cfg.getString("metrics.port")).contains("GET /health ");
        }
        assertThat(stageService).containsOnlyKeys(OpsFiles.STAGES);

        // depends_on with a health condition needs a health check there.
        for (var e : services.entrySet()) {
            Object deps = map(e.getValue()).get("depends_on");
            if (deps instanceof Map<?, ?> m) {
                for (var d : m.entrySet()) {
                    assertThat(services).containsKey(String.valueOf(d.getKey()));
                    if ("service_healthy".equals(str(at(d.getValue(), "condition")))) {
                        assertThat(map(services.get(String.valueOf(d.getKey())))).as("health check of %s", d.getKey())
                                .containsKey("healthcheck");
                    }
                }
            }
            // Every file mounted from the repository exists.
            for (String source : composeMounts(map(e.getValue())).values()) {
                if (source.startsWith(".")) {
                    assertThat(OpsFiles.COMPOSE_DIR.resolve(source).normalize()).as("mount source of %s", e.getKey()).exists();
                }
            }
        }
    }

    @Test
    void theComposeBrokerIsAValidSingleNodeKraftConfiguration() {
        Map<String, Object> kafka = map(at(OpsFiles.yamlMap(OpsFiles.COMPOSE), "services.kafka"));
        // Same broker version as the client libraries (and local mode's embedded broker).
        assertThat(str(kafka.get("image"))).isEqualTo("apache/kafka:" + OpsFiles.pomProperty("kafka.version"));
        Map<String, String> env = stringMap(kafka.get("environment"));
        assertThatCode(() -> Uuid.fromString(env.get("CLUSTER_ID"))).doesNotThrowAnyException();
        // The image turns KAFKA_A_B into a.b (__ into _, ___ into -).
        Properties props = new Properties();
        Set<String> known = new TreeSet<>(KafkaConfig.configDef().names());
        for (var e : env.entrySet()) {
            if (!e.getKey().startsWith("KAFKA_")) {
                continue;
            }
            String name = e.getKey().substring("KAFKA_".length()).toLowerCase()
                    .replace("___", "-").replace("__", "\u0001").replace('_', '.').replace('\u0001', '_');
            assertThat(known).as("broker setting of %s", e.getKey()).contains(name);
            props.put(name, e.getValue());
        }
        // Kafka's own validation of a KRaft node (listeners, controller quorum, roles).
        assertThatCode(() -> KafkaConfig.fromProps(props, false)).doesNotThrowAnyException();
        assertThat(props.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(Integer.parseInt(props.getProperty("message.max.bytes"))).isGreaterThanOrEqualTo(LocalKafka.MAX_MESSAGE_BYTES);
        assertThat(Integer.parseInt(props.getProperty("replica.fetch.max.bytes"))).isGreaterThanOrEqualTo(LocalKafka.MAX_MESSAGE_BYTES);
        assertThat(Integer.parseInt(props.getProperty("transaction.state.log.replication.factor"))).isEqualTo(1);
        assertThat(props.getProperty("log.dirs")).isEqualTo(composeMounts(kafka).keySet().iterator().next());
    }

    @Test
    void prometheusAndGrafanaInComposeUseTheDeployFiles() {
        Map<String, Object> services = map(OpsFiles.yamlMap(OpsFiles.COMPOSE).get("services"));
        Map<String, String> prom = composeMounts(map(services.get("prometheus")));
        Path config = OpsFiles.COMPOSE_DIR.resolve(prom.get("/etc/prometheus/prometheus.yml")).normalize();
        assertThat(config).isEqualTo(OpsFiles.PROMETHEUS);
        for (Object rules : list(OpsFiles.yamlMap(OpsFiles.PROMETHEUS).get("rule_files"))) {
            // Mounted next to the configuration, as it names them.
            String target = "/etc/prometheus/" + rules;
            assertThat(prom).containsKey(target);
            assertThat(OpsFiles.COMPOSE_DIR.resolve(prom.get(target)).normalize()).isEqualTo(OpsFiles.PROMETHEUS.resolveSibling(String.valueOf(rules)));
        }
        Map<String, String> grafana = composeMounts(map(services.get("grafana")));
        assertThat(OpsFiles.COMPOSE_DIR.resolve(grafana.get("/etc/grafana/provisioning")).normalize())
                .isEqualTo(OpsFiles.GRAFANA.resolve("provisioning"));
        Map<String, Object> provider = map(list(OpsFiles.yamlMap(OpsFiles.GRAFANA.resolve("provisioning/dashboards/rewire.yaml")).get("providers")).get(0));
        String dashboards = str(at(provider, "options.path"));
        assertThat(OpsFiles.COMPOSE_DIR.resolve(grafana.get(dashboards)).normalize()).isEqualTo(OpsFiles.DASHBOARD.getParent());
        assertThat(str(at(services.get("grafana"), "environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")))
                .isEqualTo(dashboards + "/" + OpsFiles.DASHBOARD.getFileName());
        Map<String, Object> ds = map(list(OpsFiles.yamlMap(OpsFiles.GRAFANA.resolve("provisioning/datasources/prometheus.yaml")).get("datasources")).get(0));
        assertThat(str(ds.get("type"))).isEqualTo("prometheus");
        URI url = URI.create(str(ds.get("url")));
        assertThat(services).containsKey(url.getHost());
        assertThat(list(at(services.get(url.getHost()), "ports"))).anyMatch(p -> String.valueOf(p).endsWith(":" + url.getPort()));
    }

    // ------------------------------------------------------------------------------------- Prometheus

    @Test
    void prometheusScrapesEachStageOnItsMetricsPort() {
        Map<String, Object> prom = OpsFiles.yamlMap(OpsFiles.PROMETHEUS);
        Map<String, Object> services = map(OpsFiles.yamlMap(OpsFiles.COMPOSE).get("services"));
        String metricsPort = OpsFiles.defaults().get("metrics.port");
        Set<String> jobs = new TreeSet<>();
        for (Object sc : list(prom.get("scrape_configs"))) {
            String job = str(at(sc, "job_name"));
            jobs.add(job);
            assertThat(str(at(sc, "metrics_path"))).isIn(null, "/metrics");
            for (Object staticConfig : list(at(sc, "static_configs"))) {
                for (Object target : list(at(staticConfig, "targets"))) {
                    String[] hp = String.valueOf(target).split(":");
                    assertThat(hp[1]).as("port of %s", target).isEqualTo(metricsPort);
                    List<String> command = list(at(services.get(hp[0]), "command")).stream().map(String::valueOf).toList();
                    assertThat(job).as("job scraping %s", hp[0]).isEqualTo("rewire-" + command.get(0));
                }
            }
        }
        assertThat(jobs).containsExactlyInAnyOrder("rewire-ingest", "rewire-enrich", "rewire-sink");
        for (Object rules : list(prom.get("rule_files"))) {
            assertThat(OpsFiles.PROMETHEUS.resolveSibling(String.valueOf(rules))).isRegularFile();
        }
    }

    @Test
    void theAlertRulesAreWellFormed() {
        Map<String, Object> rules = OpsFiles.yamlMap(OpsFiles.RULES);
        Set<String> names = new TreeSet<>();
        for (Object group : list(rules.get("groups"))) {
            assertThat(str(at(group, "name"))).isNotBlank();
            for (Object rule : list(at(group, "rules"))) {
                String alert = str(at(rule, "alert"));
                assertThat(alert).matches("Rewire[A-Za-z]+");
                assertThat(names.add(alert)).as("alert %s unique", alert).isTrue();
                assertBalanced(str(at(rule, "expr")));
                assertThat(str(at(rule, "labels.severity"))).isIn("critical", "warning");
                assertThat(str(at(rule, "annotations.summary"))).isNotBlank();
                assertThat(str(at(rule, "annotations.description"))).isNotBlank();
                String forClause = str(at(rule, "for"));
                if (forClause != null) {
                    assertThat(forClause).matches("\\d+[smh]");
                }
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void theKubernetesScrapeJobFindsThePodsOfDeployK8s() {
        Map<String, Object> job = map(list(OpsFiles.yamlMap(OpsFiles.PROMETHEUS_K8S).get("scrape_configs")).get(0));
        Map<String, Object> sd = map(list(job.get("kubernetes_sd_configs")).get(0));
        assertThat(str(sd.get("role"))).isEqualTo("pod");
        assertThat(list(at(sd, "namespaces.names"))).containsExactly(str(kustomization().get("namespace")));
        Map<String, String> keep = new HashMap<>();
        for (Object r : list(job.get("relabel_configs"))) {
            if ("keep".equals(str(at(r, "action")))) {
                keep.put(str(list(at(r, "source_labels")).get(0)), str(at(r, "regex")));
            }
        }
        assertThat(keep).containsOnlyKeys("__meta_kubernetes_pod_label_app_kubernetes_io_name",
                "__meta_kubernetes_pod_annotation_prometheus_io_scrape", "__meta_kubernetes_pod_container_port_name");
        for (Map<String, Object> w : workloads()) {
            Map<String, Object> pod = map(at(w, "spec.template"));
            Map<String, Object> labels = map(at(pod, "metadata.labels"));
            Map<String, Object> annotations = map(at(pod, "metadata.annotations"));
            assertThat(str(labels.get("app.kubernetes.io/name"))).isEqualTo(keep.get("__meta_kubernetes_pod_label_app_kubernetes_io_name"));
            assertThat(str(annotations.get("prometheus.io/scrape"))).isEqualTo(keep.get("__meta_kubernetes_pod_annotation_prometheus_io_scrape"));
            assertThat(containerPorts(container(w))).containsKey(keep.get("__meta_kubernetes_pod_container_port_name"));
        }
    }

    // ------------------------------------------------------------------------------------- Kubernetes

    @Test
    void kustomizationListsEveryManifest() {
        Set<String> listed = list(kustomization().get("resources")).stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
        Set<String> present = k8sFiles().stream().map(p -> p.getFileName().toString())
                .filter(n -> !n.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(present);
        for (Path f : k8sFiles()) {
            for (Object doc : OpsFiles.yamlDocuments(f)) {
                assertThat(str(at(doc, "apiVersion"))).as("apiVersion in %s", f).isNotBlank();
                assertThat(str(at(doc, "kind"))).as("kind in %s", f).isNotBlank();
                if (!f.getFileName().toString().equals("kustomization.yaml")) {
                    assertThat(str(at(doc, "metadata.name"))).as("name in %s", f).isNotBlank();
                }
            }
        }
    }

    @Test
    void eachStageRunsWithExternalInfrastructureItsVolumeProbesAndResources() throws IOException {
        Map<String, String> defaults = OpsFiles.defaults();
        String imageName = str(at(list(kustomization().get("images")).get(0), "name"));
        Map<String, Map<String, Object>> byStage = new HashMap<>();
        for (Map<String, Object> w : workloads()) {
            String name = str(at(w, "metadata.name"));
            Map<String, Object> podSpec = map(at(w, "spec.template.spec"));
            Map<String, Object> c = container(w);
            assertThat(str(c.get("image"))).isEqualTo(imageName);
            List<String> args = list(c.get("args")).stream().map(String::valueOf).toList();
            String stage = assertParses(args);
            assertThat(byStage.put(stage, w)).as("one workload runs %s", stage).isNull();
            assertThat(map(at(w, "metadata.labels")).get("app.kubernetes.io/component")).isEqualTo(stage);

            // The configuration file is the ConfigMap's rewire.properties, mounted read-only.
            Map<String, String> mounts = new HashMap<>();
            for (Object m : list(c.get("volumeMounts"))) {
                mounts.put(str(at(m, "mountPath")), str(at(m, "name")));
            }
            Path configFile = Path.of(configOption(args));
            String configVolume = mounts.get(configFile.getParent().toString());
            Map<String, Object> volume = volumes(w).get(configVolume);
            assertThat(volume).as("volume of %s", configFile).isNotNull();
            assertThat(str(at(volume, "configMap.name"))).isEqualTo(str(at(configMap(), "metadata.name")));
            assertThat(map(at(configMap(), "data"))).containsKey(configFile.getFileName().toString());

            // Environment: the container's own values and its secrets (envFrom), over the image's.
            Map<String, String> env = new LinkedHashMap<>();
            for (Object ref : list(c.get("envFrom"))) {
                String secret = str(at(ref, "secretRef.name"));
                assertThat(secret).as("envFrom of %s", name).isNotNull();
                Map<String, Object> s = secrets().get(secret);
                assertThat(s).as("secret %s", secret).isNotNull();
                if (s.get("stringData") != null) {
                    env.putAll(stringMap(s.get("stringData")));
                }
            }
            for (Object e : list(c.get("env"))) {
                assertThat(map(e)).as("literal env of %s", name).containsKey("value");
                env.put(str(at(e, "name")), str(at(e, "value")));
            }
            RewireConfig cfg = OpsFiles.effectiveConfig(configMapProperties(), env);
            assertExternalInfrastructure(stage, cfg, name);
            assertThat(mounts).as("a volume at the data directory of %s", name).containsKey(cfg.dataDir().toString());
            assertThat(mounts).as("a writable /tmp of %s", name).containsKey("/tmp");

            // Ports, probes and scraping.
            Map<String, Integer> ports = containerPorts(c);
            assertThat(ports).containsEntry("metrics", cfg.getInt("metrics.port"));
            if (stage.equals("sink")) {
                assertThat(ports).containsEntry("web", cfg.getInt("web.port"));
            }
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(str(at(c, probe + ".httpGet.port"))).as("%s of %s", probe, name).isEqualTo("metrics");
                assertThat(str(at(c, probe + ".httpGet.path"))).as("%s of %s", probe, name).isEqualTo("/health");
            }
            Map<String, Object> annotations = map(at(w, "spec.template.metadata.annotations"));
            assertThat(str(annotations.get("prometheus.io/port"))).isEqualTo(defaults.get("metrics.port"));
            assertThat(str(annotations.get("prometheus.io/path"))).isEqualTo("/metrics");

            assertThat(str(at(c, "resources.requests.cpu"))).as("cpu request of %s", name).isNotBlank();
            assertThat(str(at(c, "resources.requests.memory"))).as("memory request of %s", name).isNotBlank();
            assertThat(str(at(c, "resources.limits.memory"))).as("memory limit of %s", name).isNotBlank();
            assertThat(at(podSpec, "securityContext.runAsNonRoot")).isEqualTo(true);
            assertThat(at(podSpec, "securityContext.runAsUser")).isEqualTo(imageUid());
            assertThat(at(podSpec, "securityContext.fsGroup")).isEqualTo(imageUid());
            assertThat((Integer) podSpec.get("terminationGracePeriodSeconds")).isGreaterThanOrEqualTo(60);
        }
        assertThat(byStage).containsOnlyKeys(OpsFiles.STAGES);

        // ingest: exactly one pod with a persistent volume (its frontier file).
        Map<String, Object> ingest = byStage.get("ingest");
        assertThat(str(ingest.get("kind"))).isEqualTo("StatefulSet");
        assertThat(at(ingest, "spec.replicas")).isEqualTo(1);
        assertThat(claimTemplates(ingest)).contains(dataVolumeName(ingest));
        // enrich: a volume per pod for the state stores.
        Map<String, Object> enrich = byStage.get("enrich");
        assertThat(str(enrich.get("kind"))).isEqualTo("StatefulSet");
        assertThat(claimTemplates(enrich)).contains(dataVolumeName(enrich));
        // sink: a Deployment behind a Service with the web port.
        Map<String, Object> sink = byStage.get("sink");
        assertThat(str(sink.get("kind"))).isEqualTo("Deployment");
        assertThat(services().values()).anyMatch(s -> selects(s, sink)
                && list(at(s, "spec.ports")).stream().anyMatch(p -> "web".equals(str(at(p, "targetPort")))));
    }

    @Test
    void servicesSelectTheirPodsAndNameRealPorts() {
        Map<String, Map<String, Object>> services = services();
        for (Map<String, Object> w : workloads()) {
            if (str(w.get("kind")).equals("StatefulSet")) {
                Map<String, Object> governing = services.get(str(at(w, "spec.serviceName")));
                assertThat(governing).as("service of %s", at(w, "metadata.name")).isNotNull();
                assertThat(str(at(governing, "spec.clusterIP"))).isEqualTo("None");
            }
            Map<String, Object> selector = map(at(w, "spec.selector.matchLabels"));
            assertThat(map(at(w, "spec.template.metadata.labels"))).containsAllEntriesOf(selector);
        }
        for (var e : services.entrySet()) {
            List<Map<String, Object>> selected = workloads().stream().filter(w -> selects(e.getValue(), w)).toList();
            assertThat(selected).as("workloads selected by service %s", e.getKey()).hasSize(1);
            Map<String, Integer> ports = containerPorts(container(selected.get(0)));
            for (Object p : list(at(e.getValue(), "spec.ports"))) {
                assertThat(ports).as("target port of %s", e.getKey()).containsKey(str(at(p, "targetPort")));
                assertThat(at(p, "port")).isEqualTo(ports.get(str(at(p, "targetPort"))));
            }
        }
    }

    // ---------------------------------------------------------------------------------- real endpoints

    @Test
    void everyProbeAndScrapePathAnswersOnTheMetricsServer() throws Exception {
        Set<String> paths = new TreeSet<>();
        for (Map<String, Object> w : workloads()) {
            Map<String, Object> c = container(w);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                paths.add(str(at(c, probe + ".httpGet.path")));
            }
            paths.add(str(map(at(w, "spec.template.metadata.annotations")).get("prometheus.io/path")));
        }
        Map<String, Object> services = map(OpsFiles.yamlMap(OpsFiles.COMPOSE).get("services"));
        Pattern get = Pattern.compile("GET (\\S+) HTTP");
        for (Object svc : services.values()) {
            Matcher m = get.matcher(String.valueOf(at(svc, "healthcheck.test")));
            while (m.find()) {
                paths.add(m.group(1));
            }
        }
        paths.add("/metrics"); // prometheus.yml's metrics_path (the default; see above)
        assertThat(paths).containsExactlyInAnyOrder("/health", "/metrics");
        HttpClient http = HttpClient.newHttpClient();
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, Metrics.newRegistry(), () -> true)) {
            for (String path : paths) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.metricsUri().resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Parses {@code args} with the real command line; returns the subcommand (a stage for long-running ones). */
    static String assertParses(List<String> args) {
        CommandLine cl = RewireCli.commandLine();
        ParseResult result = cl.parseArgs(args.toArray(String[]::new));
        if (!result.hasSubcommand()) {
            assertThat(result.isUsageHelpRequested()).as("%s asks for help", args).isTrue();
            return null;
        }
        String sub = result.subcommand().commandSpec().name();
        assertThat(sub).as("subcommand of %s", args).isIn(OpsFiles.STAGES);
        return sub;
    }

    /** The value of --config in {@code args}. */
    static String configOption(List<String> args) {
        int i = args.indexOf("--config");
        assertThat(i).as("--config in %s", args).isNotNegative();
        return args.get(i + 1);
    }

    /** A stage started with {@code cfg} uses the deployment's Kafka (and PostgreSQL), and binds reachably. */
    static void assertExternalInfrastructure(String stage, RewireConfig cfg, String where) {
        assertThat(cfg.isSet("kafka.bootstrap.servers")).as("%s: kafka.bootstrap.servers set (else an embedded broker starts)", where).isTrue();
        assertThat(cfg.getString("metrics.host")).as("%s: metrics.host", where).isEqualTo("0.0.0.0");
        assertThat(cfg.getBoolean("metrics.enabled")).as("%s: metrics.enabled", where).isTrue();
        assertThat(cfg.dataDir().isAbsolute()).as("%s: absolute data directory", where).isTrue();
        switch (stage) {
            case "sink" -> {
                assertThat(cfg.getBoolean("sink.postgres.enabled")).isTrue();
                assertThat(cfg.isSet("sink.postgres.jdbcUrl")).as("%s: sink.postgres.jdbcUrl set (else an embedded database starts)", where).isTrue();
                assertThat(cfg.getString("web.host")).as("%s: web.host", where).isEqualTo("0.0.0.0");
                if (cfg.getBoolean("sink.file.enabled")) {
                    assertThat(cfg.getPath("sink.file.path", true).startsWith(cfg.dataDir())).isTrue();
                }
            }
            case "enrich" -> assertThat(cfg.getPath("enrich.stateDir", true).startsWith(cfg.dataDir()))
                    .as("%s: enrich.stateDir on the data volume", where).isTrue();
            case "ingest" -> {
                assertThat(OutletSpec.fromConfig(cfg)).as("%s: outlets", where).isNotEmpty();
                assertThat(cfg.getPath("ingest.frontier.path", true).startsWith(cfg.dataDir()))
                        .as("%s: the frontier on the data volume", where).isTrue();
            }
            default -> throw new AssertionError(stage);
        }
    }

    static void assertBalanced(String expr) {
        String noStrings = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
        assertThat(noStrings.chars().filter(c -> c == '"').count() % 2).as("quotes in %s", expr).isZero();
        java.util.ArrayDeque<Character> open = new java.util.ArrayDeque<>();
        for (char ch : noStrings.toCharArray()) {
            switch (ch) {
                case '(', '{', '[' -> open.push(ch);
                case ')', '}', ']' -> {
                    assertThat(open).as("brackets in %s", expr).isNotEmpty();
                    char o = open.pop();
                    assertThat("" + o + ch).as("brackets in %s", expr).isIn("()", "{}", "[]");
                }
                default -> { }
            }
        }
        assertThat(open).as("unclosed brackets in %s", expr).isEmpty();
    }

    private static String single(List<String> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static List<String> jsonArray(String text) {
        try {
            return List.of(JSON.readValue(text, String[].class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON array: " + text, e);
        }
    }

    private static int imageUid() {
        return Integer.parseInt(single(OpsFiles.dockerRuntime("USER")).split(":")[0]);
    }

    private static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null) {
            map(o).forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }

    /** Compose volume mounts of a service: target → source. */
    private static Map<String, String> composeMounts(Map<String, Object> svc) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object v : list(svc.get("volumes"))) {
            String[] parts = String.valueOf(v).split(":");
            out.put(parts[1], parts[0]);
        }
        return out;
    }

    private static List<Path> k8sFiles() {
        try (Stream<Path> files = Files.list(OpsFiles.K8S)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> kustomization() {
        return OpsFiles.yamlMap(OpsFiles.K8S.resolve("kustomization.yaml"));
    }

    private static List<Map<String, Object>> k8sObjects() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Path f : k8sFiles()) {
            if (!f.getFileName().toString().equals("kustomization.yaml")) {
                OpsFiles.yamlDocuments(f).forEach(d -> out.add(map(d)));
            }
        }
        return out;
    }

    private static List<Map<String, Object>> workloads() {
        return k8sObjects().stream().filter(o -> Set.of("StatefulSet", "Deployment").contains(str(o.get("kind")))).toList();
    }

    private static Map<String, Map<String, Object>> byKind(String kind) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        k8sObjects().stream().filter(o -> kind.equals(str(o.get("kind"))))
                .forEach(o -> out.put(str(at(o, "metadata.name")), o));
        return out;
    }

    private static Map<String, Map<String, Object>> services() {
        return byKind("Service");
    }

    private static Map<String, Map<String, Object>> secrets() {
        return byKind("Secret");
    }

    private static Map<String, Object> configMap() {
        Map<String, Map<String, Object>> maps = byKind("ConfigMap");
        assertThat(maps).hasSize(1);
        return maps.values().iterator().next();
    }

    private static String configMapProperties() {
        Map<String, Object> data = map(at(configMap(), "data"));
        assertThat(data).containsOnlyKeys("rewire.properties");
        return str(data.get("rewire.properties"));
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        List<Object> containers = list(at(workload, "spec.template.spec.containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static Map<String, Integer> containerPorts(Map<String, Object> container) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Object p : list(container.get("ports"))) {
            out.put(str(at(p, "name")), (Integer) at(p, "containerPort"));
        }
        return out;
    }

    private static Map<String, Map<String, Object>> volumes(Map<String, Object> workload) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object v : list(at(workload, "spec.template.spec.volumes"))) {
            out.put(str(at(v, "name")), map(v));
        }
        return out;
    }

    private static Set<String> claimTemplates(Map<String, Object> statefulSet) {
        Set<String> out = new LinkedHashSet<>();
        for (Object t : list(at(statefulSet, "spec.volumeClaimTemplates"))) {
            out.add(str(at(t, "metadata.name")));
        }
        return out;
    }

    /** The volume mounted at the image's data directory. */
    private static String dataVolumeName(Map<String, Object> workload) {
        String dataDir = OpsFiles.dockerEnv().get("REWIRE_REWIRE_DATA_DIR");
        for (Object m : list(container(workload).get("volumeMounts"))) {
            if (dataDir.equals(str(at(m, "mountPath")))) {
                return str(at(m, "name"));
            }
        }
        throw new AssertionError("no volume at " + dataDir);
    }

    private static boolean selects(Map<String, Object> service, Map<String, Object> workload) {
        Map<String, Object> selector = map(at(service, "spec.selector"));
        return map(at(workload, "spec.template.metadata.labels")).entrySet().containsAll(selector.entrySet());
    }
}
