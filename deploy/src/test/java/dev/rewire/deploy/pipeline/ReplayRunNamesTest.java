package dev.rewire.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.Topics;
import org.junit.jupiter.api.Test;

/** A replay's names are its own: never the production topics, enrich application or sink group. */
class ReplayRunNamesTest {

    @Test
    void aRunHasTopicsAnApplicationAndASinkGroupOfItsOwn() {
        RewireConfig shared = RewireConfig.defaults().with("topics.prefix", "prod.");
        RewireConfig run = Replay.forOneRun(shared, "replay-1a2b3c4d");
        Topics topics = new Topics(run.getString("topics.prefix", ""));
        assertThat(topics.raw()).isEqualTo("prod.replay-1a2b3c4d.news.raw");
        assertThat(topics.clean()).startsWith("prod.replay-1a2b3c4d.");
        assertThat(run.getString("enrich.applicationId"))
                .isEqualTo(shared.getString("enrich.applicationId") + "-replay-1a2b3c4d");
        assertThat(run.getString("sink.postgres.groupId"))
                .isEqualTo(shared.getString("sink.postgres.groupId") + "-replay-1a2b3c4d");
        RewireConfig other = Replay.forOneRun(shared, "replay-99999999");
        assertThat(other.getString("enrich.applicationId")).isNotEqualTo(run.getString("enrich.applicationId"));
    }
}
