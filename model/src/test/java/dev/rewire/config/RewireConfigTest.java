package dev.rewire.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewireConfigTest {

    @Test
    void layersApplyInOrderDefaultsFileEnvironment(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("user.properties");
        Files.writeString(file, "topics.partitions=8\nstories.horizon=3d\n");
        RewireConfig cfg = RewireConfig.load(file, Map.of(
                "REWIRE_TOPICS_PARTITIONS", "12",
                "REWIRE_INGEST_ALLOW_PRIVATE_NETWORKS", "true",
                "REWIRE_KAFKA_SASL_MECHANISM", "PLAIN",
                "PATH", "/usr/bin"));
        assertThat(cfg.getInt("topics.partitions")).isEqualTo(12);
        assertThat(cfg.getDuration("stories.horizon")).isEqualTo(Duration.ofDays(3));
        assertThat(cfg.getBoolean("ingest.allowPrivateNetworks")).isTrue();
        assertThat(cfg.kafkaProperties()).containsEntry("sasl.mechanism", "PLAIN")
                .doesNotContainKey("bootstrap.servers"); // blank values are not passed through
    }

    @Test
    void envNamesFollowTheDocumentedRule() {
        assertThat(RewireConfig.envName("ingest.allowPrivateNetworks")).isEqualTo("REWIRE_INGEST_ALLOW_PRIVATE_NETWORKS");
        assertThat(RewireConfig.envName("kafka.bootstrap.servers")).isEqualTo("REWIRE_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void malformedValuesFailWithTheKeyAndTheVariableName() {
        RewireConfig cfg = RewireConfig.defaults().with("replay.idleTimeout", "soon");
        assertThatThrownBy(() -> cfg.getDuration("replay.idleTimeout"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("replay.idleTimeout").hasMessageContaining("REWIRE_REPLAY_IDLE_TIMEOUT");
        assertThatThrownBy(() -> cfg.getString("no.such.key")).hasMessageContaining("no.such.key");
    }

    @Test
    void durationsAndSizes() {
        RewireConfig cfg = RewireConfig.defaults().with(Map.of("a", "250ms", "b", "PT5M", "c", "5mb", "d", "512kb"));
        assertThat(cfg.getDuration("a")).isEqualTo(Duration.ofMillis(250));
        assertThat(cfg.getDuration("b")).isEqualTo(Duration.ofMinutes(5));
        assertThat(cfg.getBytes("c")).isEqualTo(5L * 1024 * 1024);
        assertThat(cfg.getBytes("d")).isEqualTo(512L * 1024);
    }

    @Test
    void secretsAreMasked() {
        RewireConfig cfg = RewireConfig.defaults().with("sink.postgres.password", "hunter2");
        assertThat(cfg.redacted()).containsEntry("sink.postgres.password", "******");
        assertThat(cfg.toString()).doesNotContain("hunter2");
    }

    @Test
    void aMissingUserFileIsAClearError(@TempDir Path tmp) {
        assertThatThrownBy(() -> RewireConfig.load(tmp.resolve("nope.properties"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aMalformedIsoDurationFailsWithTheKeyAndTheForms() {
        RewireConfig cfg = RewireConfig.defaults().with("stories.horizon", "P5X");
        assertThatThrownBy(() -> cfg.getDuration("stories.horizon"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stories.horizon").hasMessageContaining("30s").hasMessageContaining("PT5M");
        assertThatThrownBy(() -> RewireConfig.parseDuration("P5X")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P5X");
    }

    @Test
    void knownKeysAreTheDefaultsFilesKafkaPassThroughAndPerOutletKeys() {
        assertThat(RewireConfig.isKnownKey("stories.horizon")).isTrue();
        assertThat(RewireConfig.isKnownKey("kafka.sasl.mechanism")).isTrue();
        assertThat(RewireConfig.isKnownKey("ingest.outlets.valley-courier.seeds")).isTrue();
        assertThat(RewireConfig.isKnownKey("ingest.outlets.valley-courier.exclude")).isTrue();
        assertThat(RewireConfig.isKnownKey("stories.horizn")).isFalse();
        assertThat(RewireConfig.isKnownKey("ingest.outlets.valley-courier.pollIntervall")).isFalse();
    }

    @Test
    void unknownKeysAreWarnedAboutWithTheClosestKnownKey() {
        assertThat(RewireConfig.unknownKeyWarnings(List.of("stories.horizon", "kafka.acks"), "--set")).isEmpty();
        assertThat(RewireConfig.unknownKeyWarnings(List.of("stories.horizn"), "--set")).singleElement().asString()
                .contains("'stories.horizn'").contains("--set").contains("did you mean 'stories.horizon'");
        assertThat(RewireConfig.closestKnownKey("sink.postgres.jdbcURL")).isEqualTo("sink.postgres.jdbcUrl");
        assertThat(RewireConfig.closestKnownKey("ingest.outlets.valley-courier.pollinterval"))
                .isEqualTo("ingest.outlets.valley-courier.pollInterval");
        assertThat(RewireConfig.closestKnownKey("releaseInterval")).isEqualTo("demo.releaseInterval");
        assertThat(RewireConfig.unknownKeyWarnings(List.of("grafana.dashboard.uid"), "team.properties"))
                .singleElement().asString().contains("'grafana.dashboard.uid'").contains("team.properties")
                .doesNotContain("did you mean");
    }

    @Test
    void aUserFileWithUnknownKeysStillLoads(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("shared.properties");
        Files.writeString(file, "stories.horizon=3d\ngrafana.dashboard.uid=abc\n");
        RewireConfig cfg = RewireConfig.load(file, Map.of());
        assertThat(cfg.getDuration("stories.horizon")).isEqualTo(Duration.ofDays(3));
        assertThat(cfg.getString("grafana.dashboard.uid")).isEqualTo("abc");
    }
}
