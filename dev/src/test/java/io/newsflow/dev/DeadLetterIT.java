package io.newsflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.platform.kafka.DeadLetterHeaders;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.serde.AvroSerializer;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poison in the real pipeline: a record that is not Avro, one whose schema id the registry never issued, and one
 * that reads fine but breaks processing (keyed by the wrong story id) go onto {@code articles.published}, and a
 * non-Avro record onto {@code articles.enriched}. Good stories pushed around them all reach the feed exactly
 * once, and each poison record is on its dead-letter topic, byte for byte, with headers saying why and where from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    @RegisterExtension
    @Order(2)
    static final PipelineExtension PIPELINE = PipelineExtension.on(KAFKA, "dead-letters");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private final HttpJson http = new HttpJson();

    @Test
    void poisonIsParkedWithItsReasonAndEveryGoodStoryArrivesOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> good = new ArrayList<>();
        byte[] notAvro = "{\"headline\":\"not in the wire format\"}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema = {0, 0, 0, 0x7e, 0x15, 2, 4, 6};
        byte[] enrichedGarbage = "no magic byte here".getBytes(StandardCharsets.UTF_8);

        good.add(push("dlq-" + run + "-1"));
        try (KafkaProducer<String, byte[]> raw = rawProducer()) {
            raw.send(new ProducerRecord<>(Topics.ARTICLES_PUBLISHED.name(), "poison-not-avro", notAvro)).get();
            raw.send(new ProducerRecord<>(Topics.ARTICLES_PUBLISHED.name(), "poison-unknown-schema", unknownSchema)).get();
        }
        good.add(push("dlq-" + run + "-2"));
        byte[] misrouted = misroutedStory("dlq-" + run + "-misrouted");
        try (KafkaProducer<String, byte[]> raw = rawProducer()) {
            raw.send(new ProducerRecord<>(Topics.ARTICLES_PUBLISHED.name(), "someone-else", misrouted)).get();
            raw.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED.name(), "poison-enriched", enrichedGarbage)).get();
        }
        good.add(push("dlq-" + run + "-3"));

        // Every good story reaches the feed, once
        await().atMost(WITHIN).untilAsserted(() -> assertThat(feedIds()).containsAll(good));
        List<String> ids = feedIds();
        for (String id : good) {
            assertThat(ids).as("copies of %s in the feed", id).filteredOn(id::equals).hasSize(1);
        }
        assertThat(ids).doesNotContain("dlq-" + run + "-misrouted", "someone-else");

        // and every poison record is parked on its dead-letter topic, once, with why and where from
        Map<String, ConsumerRecord<byte[], byte[]>> published = new HashMap<>();
        Map<String, ConsumerRecord<byte[], byte[]>> enriched = new HashMap<>();
        await().atMost(WITHIN).untilAsserted(() -> {
            readCommitted(Topics.ARTICLES_PUBLISHED_DLQ.name(), published);
            readCommitted(Topics.ARTICLES_ENRICHED_DLQ.name(), enriched);
            assertThat(published).containsOnlyKeys("poison-not-avro", "poison-unknown-schema", "someone-else");
            assertThat(enriched).containsOnlyKeys("poison-enriched");
        });
        assertLetter(published.get("poison-not-avro"), notAvro, "deserialization", Topics.ARTICLES_PUBLISHED.name(), "enrich-service");
        assertLetter(published.get("poison-unknown-schema"), unknownSchema, "schema", Topics.ARTICLES_PUBLISHED.name(), "enrich-service");
        assertLetter(published.get("someone-else"), misrouted, "processing", Topics.ARTICLES_PUBLISHED.name(), "enrich-service");
        assertThat(header(published.get("someone-else"), DeadLetterHeaders.ERROR)).contains("MisroutedStoryException");
        assertLetter(enriched.get("poison-enriched"), enrichedGarbage, "deserialization", Topics.ARTICLES_ENRICHED.name(), "feed-service");

        // and the services count what they parked
        String enrichMetrics = http.getText(PIPELINE.stack().enrichUrl().resolve("/metrics"));
        assertThat(enrichMetrics).containsPattern("newsflow_dlq_records_total\\{[^}]*reason=\"processing\"[^}]*} 1\\.0");
        String feedMetrics = http.getText(PIPELINE.stack().feedUrl().resolve("/metrics"));
        assertThat(feedMetrics).containsPattern("newsflow_dlq_records_total\\{[^}]*reason=\"deserialization\"[^}]*} 1\\.0");
    }

    private static void assertLetter(ConsumerRecord<byte[], byte[]> letter, byte[] original, String reason,
                                     String sourceTopic, String stage) {
        assertThat(letter.value()).isEqualTo(original);
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo(reason);
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(sourceTopic);
        assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo(stage);
        assertThat(Integer.parseInt(header(letter, DeadLetterHeaders.SOURCE_PARTITION))).isNotNegative();
        assertThat(Long.parseLong(header(letter, DeadLetterHeaders.SOURCE_OFFSET))).isNotNegative();
        assertThat(Long.parseLong(header(letter, DeadLetterHeaders.SOURCE_TIMESTAMP))).isPositive();
        assertThat(Long.parseLong(header(letter, DeadLetterHeaders.FAILED_AT)))
            .isGreaterThanOrEqualTo(Long.parseLong(header(letter, DeadLetterHeaders.SOURCE_TIMESTAMP)));
        assertThat(header(letter, DeadLetterHeaders.ERROR)).isNotBlank();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A well-formed ArticlePublished in the Confluent wire format, to be written under a key that is not its id. */
    private byte[] misroutedStory(String id) {
        ArticlePublished article = SampleStories.article(SampleStories.AUSTIN_TEXAS_TRANSIT, Instant.now());
        article.setId(id);
        AvroSerializer<ArticlePublished> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", PIPELINE.stack().registryUrl().toString(),
            "auto.register.schemas", "true"), false);
        return serializer.serialize(Topics.ARTICLES_PUBLISHED.name(), article);
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PIPELINE.stack().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private void readCommitted(String topic, Map<String, ConsumerRecord<byte[], byte[]>> byKey) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PIPELINE.stack().bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-it-" + UUID.randomUUID());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 3_000;
            byKey.clear();
            List<String> keys = new ArrayList<>();
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    keys.add(key);
                    byKey.put(key, record);
                }
            }
            // a key seen twice would be a duplicate dead letter: keep it visible to the caller's assertion
            assertThat(keys).as("dead letters on %s", topic).doesNotHaveDuplicates();
        }
    }

    private String push(String id) throws IOException {
        ObjectNode story = (ObjectNode) JSON.readTree(SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS));
        story.put("id", id);
        var answer = http.postJson(PIPELINE.stack().ingestUrl().resolve("/articles"), story.toString());
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        return id;
    }

    private List<String> feedIds() throws IOException {
        List<String> ids = new ArrayList<>();
        JsonNode page = http.get(PIPELINE.stack().feedUrl().resolve("/feed?limit=200")).body();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
