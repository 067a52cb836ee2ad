package io.newsflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.newsflow.enrich.EnrichApp;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.streams.StreamsSettings;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ingest-service publishes in transactions, and a story it answered 503 may sit on {@code articles.published} in an
 * aborted transaction. Under exactly-once Kafka Streams reads only committed records anyway; this shows that
 * enrich-service configured for at-least-once does too, against a real broker: an aborted story is never enriched.
 */
class EnrichReadsCommittedIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    @Test
    void underAtLeastOnceAnAbortedStoryIsNeverEnriched() throws Exception {
        Path state = Files.createTempDirectory("newsflow-enrich-read-committed");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.forLocal(KAFKA.bootstrapServers(), 0))) {
            Settings settings = EnrichConfig.load(Map.of(
                CommonConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                CommonConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:" + registry.port(),
                CommonConfig.HTTP_PORT_CONFIG, "0",
                EnrichConfig.APPLICATION_ID_CONFIG, "enrich-read-committed-" + run,
                StreamsSettings.STATE_DIR_CONFIG, state.toString(),
                StreamsSettings.PROCESSING_GUARANTEE_CONFIG, "at_least_once"));
            TopicProvisioner.ensureAll(settings);
            Map<String, Object> serdeConfigs = CommonConfig.serdeConfigs(settings);
            try (EnrichApp enrich = new EnrichApp(settings);
                 var producer = new KafkaProducer<>(Map.<String, Object>of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                         ProducerConfig.TRANSACTIONAL_ID_CONFIG, "read-committed-" + run),
                     new StringSerializer(), Topics.ARTICLES_PUBLISHED.valueSerde(serdeConfigs).serializer())) {
                enrich.start();
                producer.initTransactions();
                // Given, on one partition, a story whose transaction is aborted and then one that commits
                // (with ids that also share a partition of articles.enriched, so its order is kept there too)
                int enrichedPartitions = producer.partitionsFor(Topics.ARTICLES_ENRICHED.name()).size();
                ArticlePublished committed = story("committed-" + run);
                ArticlePublished aborted = story("aborted-" + run);
                for (int n = 1; partition(aborted.getId(), enrichedPartitions) != partition(committed.getId(), enrichedPartitions); n++) {
                    aborted = story("aborted-" + run + "-" + n);
                }
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.ARTICLES_PUBLISHED.name(), 0, aborted.getId(), aborted)).get();
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.ARTICLES_PUBLISHED.name(), 0, committed.getId(), committed)).get();
                producer.commitTransaction();

                // Then the committed one is enriched. Enrich reads the input partition in order and writes both to one
                // output partition, so the aborted one would be there before it had it been read.
                List<String> enriched = new ArrayList<>();
                try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "read-committed-check-" + run,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), Topics.ARTICLES_ENRICHED.valueSerde(serdeConfigs).deserializer())) {
                    consumer.subscribe(List.of(Topics.ARTICLES_ENRICHED.name()));
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(record -> enriched.add(record.key()));
                        return enriched.contains(committed.getId());
                    });
                }
                assertThat(enriched).doesNotContain(aborted.getId());
            }
        } finally {
            KafkaBrokerExtension.Directories.deleteRecursively(state);
        }
    }

    /** The partition Kafka's default partitioner gives a record key, as Streams' producer does for articles.enriched. */
    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    private static ArticlePublished story(String id) {
        ArticlePublished story = SampleStories.article(SampleStories.NORTH_KOREAN_TROOPS, Instant.now());
        story.setId(id);
        return story;
    }
}
