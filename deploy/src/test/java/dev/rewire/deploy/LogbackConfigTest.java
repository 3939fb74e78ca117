package dev.rewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The distribution's logback.xml: which variable sets which loggers' level. */
class LogbackConfigTest {

    private static LoggerContext configured(Map<String, String> variables) throws Exception {
        LoggerContext context = new LoggerContext();
        variables.forEach(context::putProperty); // looked up before system properties and the environment
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogbackConfigTest.class.getResource("/logback.xml"));
        return context;
    }

    @Test
    void defaultsAreInfoForRewireWarnForLibrariesAndErrorForKafka() throws Exception {
        LoggerContext c = configured(Map.of());
        assertThat(c.getLogger("dev.rewire.deploy.cli.RewireCli").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(c.getLogger(Logger.ROOT_LOGGER_NAME).getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(c.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(c.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void rewireLogLevelDebugLeavesKafkaAndTheRootAlone() throws Exception {
        LoggerContext c = configured(Map.of("REWIRE_LOG_LEVEL", "DEBUG"));
        assertThat(c.getLogger("dev.rewire.enrich.EnrichTopology").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(c.getLogger(Logger.ROOT_LOGGER_NAME).getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(c.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void rewireRootLogLevelSetsEverythingElseIncludingKafka() throws Exception {
        LoggerContext c = configured(Map.of("REWIRE_ROOT_LOG_LEVEL", "INFO"));
        assertThat(c.getLogger(Logger.ROOT_LOGGER_NAME).getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(c.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(c.getLogger("dev.rewire.sink.BatchingSink").getEffectiveLevel()).isEqualTo(Level.INFO);
    }
}
