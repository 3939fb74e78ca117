package dev.rewire.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewire.config.RewireConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backOffDoublesUpToTheMaximum() {
        RetryPolicy p = new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(1));
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(30)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theDefaultsBoundTheTotalWaitWellUnderTheMaxPollInterval() {
        RetryPolicy p = RetryPolicy.fromConfig(RewireConfig.defaults());
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < p.maxAttempts(); attempt++) {
            total = total.plus(p.backoff(attempt));
        }
        assertThat(p.maxAttempts()).isGreaterThan(1);
        assertThat(total).isLessThan(Duration.ofMinutes(2));
    }

    @Test
    void atLeastOneAttempt() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
