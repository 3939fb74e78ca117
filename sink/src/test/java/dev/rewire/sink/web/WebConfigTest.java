package dev.rewire.sink.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebConfigTest {

    @Test
    void liveStreamsMustLeaveThreadsForOrdinaryRequests() {
        WebConfig.fromConfig(RewireConfig.defaults());  // the defaults are valid
        new WebConfig("127.0.0.1", 0, null, 5, 50, Duration.ofSeconds(1), 4, 8, 1, Duration.ZERO);
        assertThatThrownBy(() -> new WebConfig("127.0.0.1", 0, null, 5, 50, Duration.ofSeconds(1), 32, 32, 1,
                Duration.ZERO)).isInstanceOf(ConfigException.class).hasMessageContaining("web.threads >= web.maxStreams + 4");
        assertThatThrownBy(() -> WebConfig.fromConfig(RewireConfig.defaults().with("web.maxStreams", "48")))
                .isInstanceOf(ConfigException.class);
    }
}
