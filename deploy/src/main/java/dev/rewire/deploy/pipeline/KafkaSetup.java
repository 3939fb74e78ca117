package dev.rewire.deploy.pipeline;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pipeline's topics up front, with the partitions, replication and retention the design
 * gives them (compacted {@code news.stories}, 7 days of {@code news.raw}, 30 days of outputs), so nothing
 * depends on broker-side auto-creation. Topics that already exist are left as they are.
 */
public final class KafkaSetup {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSetup.class);
    private static final long DAY_MS = 24L * 3600 * 1000;
    /** Matches the largest page the pipeline accepts plus its envelope. */
    public static final String MAX_MESSAGE_BYTES = String.valueOf(16 * 1024 * 1024);

    private KafkaSetup() {
    }

    /** Admin client properties: bootstrap servers plus every {@code kafka.*} pass-through key. */
    public static Map<String, Object> adminConfig(RewireConfig cfg, String bootstrapServers) {
        Map<String, Object> props = new HashMap<>(cfg.kafkaProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "rewire-admin");
        return props;
    }

    /** The topics Rewire creates, with their configuration. */
    public static List<NewTopic> topicSpecs(RewireConfig cfg, Topics topics) {
        int partitions = cfg.getInt("topics.partitions");
        short rf = (short) cfg.getInt("topics.replicationFactor");
        List<NewTopic> specs = new ArrayList<>();
        specs.add(topic(topics.raw(), partitions, rf, Map.of(
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(7 * DAY_MS),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES)));
        for (String name : List.of(topics.clean(), topics.rewrites(), topics.rejected())) {
            specs.add(topic(name, partitions, rf, Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, String.valueOf(30 * DAY_MS),
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES)));
        }
        specs.add(topic(topics.stories(), partitions, rf, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES)));
        for (String name : List.of(topics.analyticsOutlets(), topics.analyticsEdges())) {
            specs.add(topic(name, partitions, rf, Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, String.valueOf(30 * DAY_MS))));
        }
        return specs;
    }

    /** Creates every missing topic (when {@code topics.create} is true); waits until done. */
    public static void ensureTopics(RewireConfig cfg, String bootstrapServers, Topics topics) {
        if (cfg.getBoolean("topics.create")) {
            createMissingTopics(cfg, bootstrapServers, topics);
        }
    }

    /** Creates every missing topic, whatever {@code topics.create} says (a replay's own topics); waits. */
    public static void createMissingTopics(RewireConfig cfg, String bootstrapServers, Topics topics) {
        try (Admin admin = Admin.create(adminConfig(cfg, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topicSpecs(cfg, topics).stream()
                    .filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the pipeline's topics on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Deletes what a run left on the broker, best effort (a failure is logged, not thrown): the topics whose
     * names start with one of {@code topicPrefixes} (a replay's own topics and its Kafka Streams
     * application's internal ones), then the consumer {@code groups} (a group never created is no error).
     */
    public static void deleteRunLeftovers(RewireConfig cfg, String bootstrapServers, List<String> topicPrefixes,
                                          List<String> groups) {
        try (Admin admin = Admin.create(adminConfig(cfg, bootstrapServers))) {
            List<String> doomed = admin.listTopics().names().get().stream()
                    .filter(t -> topicPrefixes.stream().anyMatch(t::startsWith)).sorted().toList();
            if (!doomed.isEmpty()) {
                admin.deleteTopics(doomed).all().get();
                LOG.info("deleted topics {}", doomed);
            }
            try {
                admin.deleteConsumerGroups(groups).all().get();
                LOG.info("deleted consumer groups {}", groups);
            } catch (ExecutionException e) {
                LOG.info("consumer groups {} not deleted: {}", groups, e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while deleting topics {} and groups {}", topicPrefixes, groups);
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("could not delete topics {} on {}: {}", topicPrefixes, bootstrapServers, e.toString());
        }
    }

    private static NewTopic topic(String name, int partitions, short rf, Map<String, String> configs) {
        return new NewTopic(name, partitions, rf).configs(configs);
    }
}
