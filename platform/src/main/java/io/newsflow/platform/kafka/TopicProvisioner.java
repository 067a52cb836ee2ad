package io.newsflow.platform.kafka;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service needs when they are missing. Existing topics are left as they are: their
 * partition count is part of the data's identity and is never changed behind an operator's back.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /**
     * Creates every Newsflow topic that is missing, dead-letter topics included, sized by {@code topic.partitions}
     * and {@code topic.replication.factor}.
     */
    public static void ensureAll(Settings settings) {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        Topics.all().forEach(topic -> topics.put(topic.name(), topic.configs()));
        Topics.deadLetters().forEach(topic -> topics.put(topic.name(), topic.configs()));
        create(settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG), topics,
            settings.integer(CommonConfig.TOPIC_PARTITIONS_CONFIG),
            (short) settings.integer(CommonConfig.TOPIC_REPLICATION_FACTOR_CONFIG));
    }

    public static void ensure(String bootstrapServers, Collection<TopicSpec<?>> topics, int partitions, short replicationFactor) {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        topics.forEach(topic -> byName.put(topic.name(), topic.configs()));
        create(bootstrapServers, byName, partitions, replicationFactor);
    }

    private static void create(String bootstrapServers, Map<String, Map<String, String>> topics, int partitions,
                               short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.entrySet().stream()
                .filter(topic -> !existing.contains(topic.getKey()))
                .map(topic -> new NewTopic(topic.getKey(), partitions, replicationFactor).configs(topic.getValue()))
                .toList();
            if (missing.isEmpty()) {
                return;
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    log.info("Created topic {} with {} partitions", entry.getKey(), partitions);
                } catch (ExecutionException e) {
                    // Another service may have created it between our list and create calls.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create Newsflow topics on " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
