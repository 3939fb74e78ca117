package dev.rewire.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class DataSourcesTest {

    @Test
    void buildsADataSourceFromConfiguration() {
        RewireConfig cfg = RewireConfig.defaults().with(Map.of("sink.postgres.jdbcUrl", "jdbc:postgresql://db:5433/news",
                "sink.postgres.user", "rewire", "sink.postgres.password", "s3cret"));
        PGSimpleDataSource ds = (PGSimpleDataSource) DataSources.fromConfig(cfg);
        assertThat(ds.getServerNames()).containsExactly("db");
        assertThat(ds.getPortNumbers()).containsExactly(5433);
        assertThat(ds.getDatabaseName()).isEqualTo("news");
        assertThat(ds.getUser()).isEqualTo("rewire");
        assertThat(ds.getPassword()).isEqualTo("s3cret");
    }

    @Test
    void anEmptyOrForeignUrlFailsWithoutShowingThePassword() {
        assertThatThrownBy(() -> DataSources.fromConfig(RewireConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sink.postgres.jdbcUrl");
        RewireConfig mysql = RewireConfig.defaults().with("sink.postgres.jdbcUrl", "jdbc:mysql://h/db?password=s3cret");
        assertThatThrownBy(() -> DataSources.fromConfig(mysql))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("s3cret");
    }

    @Test
    void redactMasksPasswords() {
        assertThat(DataSources.redact("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=******&ssl=true");
        assertThat(DataSources.redact("jdbc:postgresql://u:s3cret@h/db")).doesNotContain("s3cret");
    }
}
