package io.newsflow.dev.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.dev.DevStack;
import io.newsflow.dev.PipelineExtension;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The running pipeline against Confluent's own serde ({@code @confluentinc/schemaregistry} on kafkajs): stories
 * Confluent's serializer writes to {@code articles.published} come out enriched in the feed, and Confluent's
 * deserializer reads every record of every topic the pipeline writes, through the project's registry, as the
 * Java side sees them (same count, keys and ids, read_committed on both sides).
 */
@ExtendWith(RequiresConfluentJs.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineContractIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    @RegisterExtension
    @Order(2)
    static final PipelineExtension PIPELINE = PipelineExtension.on(KAFKA, "pipeline-contract");

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration THROUGH_PIPELINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** produce.mjs cycles usable, withheld, canceled: of six records, 0 and 3 are usable and belong in the feed. */
    private static final int JS_STORIES = 6;
    private static final List<Integer> JS_USABLE = List.of(0, 3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String prefix = "js-" + UUID.randomUUID().toString().substring(0, 6) + "-";

    @Test
    void confluentFramedInputIsEnrichedAndEveryOutputTopicDecodesWithConfluentsDeserializer() throws Exception {
        // Given stories through the HTTP front door
        List<String> pushed = new ArrayList<>();
        for (String name : SampleStories.names()) {
            ObjectNode story = (ObjectNode) JSON.readTree(SampleStories.json(name));
            pushed.add(story.get("id").asText());
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(PIPELINE.stack().ingestUrl().resolve("/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(story.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        }
        // and stories Confluent's own serializer writes straight to the input topic
        ConfluentJs.runOk("produce.mjs", ConfluentJs.env("BOOTSTRAP", PIPELINE.stack().bootstrapServers(),
            "REGISTRY_URL", PIPELINE.stack().registryUrl().toString(), "TOPIC", Topics.ARTICLES_PUBLISHED.name(),
            "COUNT", String.valueOf(JS_STORIES), "ID_PREFIX", prefix), NODE_TIMEOUT);

        // Then the usable ones come out enriched in the feed, next to the pushed ones
        await().atMost(THROUGH_PIPELINE).untilAsserted(() -> {
            for (int i : JS_USABLE) {
                JsonNode article = get(PIPELINE.stack().feedUrl().resolve("/articles/" + prefix + i));
                // feed-service reads only articles.enriched: being served means enrich-service read and enriched it
                assertThat(article).as("story %s%d in the feed", prefix, i).isNotNull();
                assertThat(article.get("headline").asText()).matches("(Story|Новина) " + i + ": .*");
            }
            for (String id : pushed) {
                assertThat(get(PIPELINE.stack().feedUrl().resolve("/articles/" + id))).as("story %s", id).isNotNull();
            }
        });

        // And Confluent's deserializer reads every record of every topic the pipeline writes, as Java sees them
        List<String> outputs = List.of(Topics.ARTICLES_PUBLISHED.name(), Topics.INGEST_LEDGER.name(),
            Topics.ARTICLES_ENRICHED.name(), Topics.ARTICLES_LATEST_STATE.name(), Topics.FEED_EVENTS.name());
        for (String topic : outputs) {
            List<ConsumerRecord<byte[], byte[]>> javaSide = readCommitted(topic);
            assertThat(javaSide).as("records on %s", topic).isNotEmpty();
            ConfluentJs.Run consume = ConfluentJs.runOk("consume.mjs", ConfluentJs.env("BOOTSTRAP", PIPELINE.stack().bootstrapServers(),
                "REGISTRY_URL", PIPELINE.stack().registryUrl().toString(), "TOPIC", topic,
                "COUNT", String.valueOf(javaSide.size())), NODE_TIMEOUT);
            List<JsonNode> decoded = consume.events().stream().filter(e -> e.get("event").asText().equals("consumed")).toList();
            assertThat(decoded).as("records Confluent's deserializer read on %s", topic).hasSize(javaSide.size());

            Map<String, Integer> javaKeys = countKeys(javaSide.stream().map(r -> r.key() == null ? null
                : new String(r.key(), StandardCharsets.UTF_8)).toList());
            Map<String, Integer> jsKeys = countKeys(decoded.stream().map(e -> e.get("key").isNull() ? null
                : e.get("key").asText()).toList());
            assertThat(jsKeys).as("keys on %s", topic).isEqualTo(javaKeys);
            for (JsonNode event : decoded) {
                if (event.get("value").isNull()) {
                    continue; // a tombstone
                }
                JsonNode value = event.get("value");
                String id = value.has("article") ? value.get("article").get("id").asText()
                    : value.has("id") ? value.get("id").asText() : null;
                assertThat(id).as("story id in a %s value", topic).isEqualTo(event.get("key").asText());
            }
        }
    }

    private static Map<String, Integer> countKeys(List<String> keys) {
        Map<String, Integer> counts = new HashMap<>();
        keys.forEach(k -> counts.merge(String.valueOf(k), 1, Integer::sum));
        return counts;
    }

    private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PIPELINE.stack().bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }
}
