package dev.rewire.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
}
