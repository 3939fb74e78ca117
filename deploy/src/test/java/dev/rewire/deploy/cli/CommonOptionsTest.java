package dev.rewire.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rewire.config.RewireConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** How the shared options resolve: an unknown {@code --set} key is warned about, not refused. */
class CommonOptionsTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(CommonOptions.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void anUnknownSetKeyIsWarnedAboutWithTheClosestKnownKeyAndKept() {
        CommonOptions common = new CommonOptions();
        common.overrides.put("stories.horizn", "3d");
        common.overrides.put("topics.partitions", "8");
        RewireConfig cfg = common.load();
        assertThat(cfg.getString("stories.horizn")).isEqualTo("3d");
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel().toString()).isEqualTo("WARN");
            assertThat(e.getFormattedMessage()).contains("'stories.horizn'").contains("'stories.horizon'");
        });
    }
}
