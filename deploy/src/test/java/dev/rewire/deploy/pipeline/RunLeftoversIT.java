package dev.rewire.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.local.LocalKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay on a shared broker deletes its own topics and nothing else (real KRaft broker). */
class RunLeftoversIT {

    @Test
    void onlyTheRunsOwnTopicsAreDeleted(@TempDir Path tmp) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(tmp.resolve("kafka"), 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<String> names = List.of("news.raw", "news.clean", "replay-1a2b3c4d.news.raw",
                    "replay-1a2b3c4d.news.clean", "replay-1a2b3c4e.news.raw",
                    "rewire-enrich-replay-1a2b3c4d-by-story-index-repartition",
                    "rewire-enrich-replay-1a2b3c4e-by-story-index-repartition",
                    "rewire-enrich-story-states-changelog");
            admin.createTopics(names.stream().map(n -> new NewTopic(n, 1, (short) 1)).toList()).all().get();

            KafkaSetup.deleteRunLeftovers(RewireConfig.defaults(), kafka.bootstrapServers(),
                    List.of("replay-1a2b3c4d.", "rewire-enrich-replay-1a2b3c4d-"),
                    List.of("rewire-enrich-replay-1a2b3c4d", "rewire-sink-postgres-replay-1a2b3c4d"));

            long deadline = System.nanoTime() + 30_000_000_000L;
            Set<String> left = admin.listTopics().names().get();
            while (left.contains("replay-1a2b3c4d.news.raw") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                left = admin.listTopics().names().get();
            }
            assertThat(left).contains("news.raw", "news.clean", "replay-1a2b3c4e.news.raw",
                    "rewire-enrich-replay-1a2b3c4e-by-story-index-repartition", "rewire-enrich-story-states-changelog");
            assertThat(left).doesNotContain("replay-1a2b3c4d.news.raw", "replay-1a2b3c4d.news.clean",
                    "rewire-enrich-replay-1a2b3c4d-by-story-index-repartition");
        }
    }
}
