package dev.rewire.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Infrastructure prints about external services: where they are, never their passwords. */
class InfrastructureTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://db.example:5432/rewire?user=rewire&password=hunter2&ssl=true",
        "jdbc:postgresql://rewire:hunter2@db.example:5432/rewire"})
    void anExternalDatabasesPasswordIsNeverPrinted(String jdbcUrl) {
        RewireConfig cfg = RewireConfig.defaults()
                .with("kafka.bootstrap.servers", "127.0.0.1:1")
                .with("sink.postgres.jdbcUrl", jdbcUrl);
        List<String> lines = new ArrayList<>();
        // External services only: nothing is started or contacted.
        try (Infrastructure infra = Infrastructure.start(cfg, true, lines::add)) {
            assertThat(infra.databaseDescription()).contains("db.example").doesNotContain("hunter2");
            assertThat(String.join("\n", lines)).contains("db.example").doesNotContain("hunter2");
        }
    }

    @Test
    void anExternalClusterIsUsedAsConfigured() {
        RewireConfig cfg = RewireConfig.defaults().with("kafka.bootstrap.servers", "kafka-1:9092");
        List<String> lines = new ArrayList<>();
        try (Infrastructure infra = Infrastructure.start(cfg, false, lines::add)) {
            assertThat(infra.bootstrapServers()).isEqualTo("kafka-1:9092");
            assertThat(infra.embeddedKafka()).isFalse();
            assertThat(infra.databaseDescription()).isEqualTo("none");
        }
    }
}
