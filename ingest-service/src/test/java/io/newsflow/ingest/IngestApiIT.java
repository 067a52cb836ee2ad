package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.platform.serde.AvroSerde;
import io.newsflow.platform.serde.WireFormat;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import io.newsflow.testkit.EmbeddedKafkaBroker;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /articles} end to end: a real KRaft broker, the Kafka-backed schema registry and the ingest
 * service on random ports, driven over HTTP, with what landed in {@code articles.published} read back.
 */
class IngestApiIT {

    private static final String TOPIC = "articles.published";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.embedded();

    private static SchemaRegistryServer registry;
    private static IngestApp app;
    private static HttpClient http;

    @BeforeAll
    static void startServices() {
        registry = SchemaRegistryServer.start(RegistryConfig.forLocal(kafka.bootstrapServers(), 0));
        app = new IngestApp(IngestConfig.load(Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "schema.registry.url", registry.url().toString(),
            "http.port", "0",
            "auth.enabled", "false")));
        app.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopServices() {
        if (app != null) {
            app.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void publishesTheSampleStoryAndAnswersWhereItLanded() throws Exception {
        // Given the sample story
        Instant before = Instant.now();

        // When it is posted
        HttpResponse<String> response = post(app.httpPort(), "application/json", SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS));

        // Then the answer is 202 with the story's id and version and the record's coordinates
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode receipt = JSON.readTree(response.body());
        assertThat(receipt.get("id").asText()).isEqualTo("uledger-2024-10-21-north-korean-troops");
        assertThat(receipt.get("version").asInt()).isEqualTo(1);
        assertThat(receipt.get("topic").asText()).isEqualTo(TOPIC);
        assertThat(receipt.get("partition").isInt()).isTrue();
        assertThat(receipt.get("offset").isIntegralNumber()).isTrue();
        TopicPartition partition = new TopicPartition(TOPIC, receipt.get("partition").asInt());
        long offset = receipt.get("offset").asLong();

        // And that exact record, read back with the Avro serde through the registry, is the story keyed by its id
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", registry.url().toString());
        try (var serde = AvroSerde.forValues(ArticlePublished.class, serdeConfig)) {
            ConsumerRecord<String, ArticlePublished> record = readAt(partition, offset, serde.deserializer());
            assertThat(record.key()).isEqualTo("uledger-2024-10-21-north-korean-troops");
            ArticlePublished article = record.value();
            assertThat(article.getId()).isEqualTo(record.key());
            assertThat(article.getVersion()).isEqualTo(1);
            assertThat(article.getSource()).isEqualTo("ukraine-ledger");
            assertThat(article.getLanguage()).isEqualTo("en");
            assertThat(article.getHeadline()).isEqualTo("No doubt that North Korean troops are in Ukraine - political strategist");
            assertThat(article.getBody()).startsWith("Soldiers of the DPRK may already be working in Ukraine");
            assertThat(article.getByline()).isEqualTo("Ukraine Ledger staff");
            assertThat(article.getLabels()).containsExactly("Exclusive");
            assertThat(article.getUrgency()).isEqualTo(3);
            assertThat(article.getPubStatus()).isEqualTo(PubStatus.usable);
            assertThat(article.getEmbargoUntil()).isNull();
            assertThat(article.getPublishedAt()).isEqualTo(Instant.parse("2024-10-21T14:56:00Z"));
            assertThat(article.getIngestedAt()).isBetween(before.minusMillis(1), Instant.now());
            // The record is timestamped with the ingest time, not the (older) publication time
            assertThat(record.timestamp()).isEqualTo(article.getIngestedAt().toEpochMilli());
        }

        // And the value schema is registered under the topic's subject, and the record is framed with its id
        HttpResponse<String> subjects = get(registry.url().resolve("/subjects"));
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(subjects.body())).contains(JSON.getNodeFactory().textNode(TOPIC + "-value"));
        int schemaId = JSON.readTree(get(registry.url().resolve("/subjects/" + TOPIC + "-value/versions/latest")).body())
            .get("id").asInt();
        byte[] raw = readAt(partition, offset, new ByteArrayDeserializer()).value();
        assertThat(raw.length).isGreaterThan(WireFormat.HEADER_SIZE);
        assertThat(raw[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(ByteBuffer.wrap(raw, 1, 4).getInt()).isEqualTo(schemaId);
    }

    @Test
    void givesAStoryWithoutAnIdAServerAssignedUuid() throws Exception {
        // Given the sample story without its id
        String body = sample(json -> json.remove("id"));

        // When it is posted
        HttpResponse<String> response = post(app.httpPort(), "application/json", body);

        // Then it is accepted under a fresh UUID, which is also the record's key
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(response.body());
        String id = receipt.get("id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        var record = readAt(new TopicPartition(TOPIC, receipt.get("partition").asInt()), receipt.get("offset").asLong(),
            new StringDeserializer());
        assertThat(record.key()).isEqualTo(id);
    }

    @Test
    void rejectsBadRequestsWithProblemDetailsAndPublishesNothing() throws Exception {
        // Given the topic's end offsets
        Map<TopicPartition, Long> endOffsetsBefore = endOffsets();
        String huge = sample(json -> json.put("body", "x".repeat(1_200_000)));
        List<BadRequest> cases = List.of(
            new BadRequest("malformed JSON", "application/json", "{\"id\": \"a\", \"headline\": ", 400, "Malformed JSON", null),
            new BadRequest("empty body", "application/json", "", 400, "empty", null),
            new BadRequest("JSON array", "application/json", "[" + sample(json -> { }) + "]", 400, "is a JSON array; send the story as a JSON object", null),
            new BadRequest("JSON null", "application/json", "null", 400, "JSON null; send the story as a JSON object", null),
            new BadRequest("JSON string", "application/json", "\"a story\"", 400, "is a JSON string; send the story as a JSON object", null),
            new BadRequest("JSON number", "application/json", "42", 400, "is a JSON number; send the story as a JSON object", null),
            new BadRequest("XML", "application/xml", "<story/>", 415, "application/xml", null),
            new BadRequest("JSON sent as a raw page", "text/plain; charset=utf-8", sample(json -> { }), 422, "page", null),
            new BadRequest("1.2 MB body", "application/json", huge, 413, "1048576 bytes", null),
            new BadRequest("unknown field", "application/json",
                sample(json -> json.set("headlne", json.remove("headline"))), 422, "headlne", "headlne"),
            new BadRequest("urgency as text", "application/json", sample(json -> json.put("urgency", "high")), 422, "urgency", "urgency"),
            new BadRequest("urgency 12", "application/json", sample(json -> json.put("urgency", 12)), 422, "urgency", "urgency"),
            new BadRequest("urgency beyond any int", "application/json", sample(json -> json.put("urgency", 99_999_999_999L)), 422, "urgency", "urgency"),
            new BadRequest("version beyond any int", "application/json", sample(json -> json.put("version", 3_000_000_000L)), 422, "version", "version"),
            new BadRequest("publishedAt without offset", "application/json",
                sample(json -> json.put("publishedAt", "2024-10-21T17:56:00")), 422, "publishedAt", "publishedAt"));

        // When each is posted
        SoftAssertions softly = new SoftAssertions();
        for (BadRequest bad : cases) {
            HttpResponse<String> response = post(app.httpPort(), bad.contentType(), bad.body());

            // Then each is answered with the right status as an RFC 9457 problem naming what is wrong, without internals
            softly.assertThat(response.statusCode()).as("%s: status of %s", bad.name(), response.body()).isEqualTo(bad.status());
            softly.assertThat(response.headers().firstValue("Content-Type")).as("%s: Content-Type", bad.name())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            softly.assertThat(response.body()).as("%s: no stack trace or class names", bad.name())
                .doesNotContain("Exception").doesNotContain("at io.").doesNotContain("at com.").doesNotContain("at java.")
                .doesNotContain("io.newsflow").doesNotContain("reference chain");
            JsonNode problem = readProblem(response.body());
            softly.assertThat(problem.path("type").asText()).as("%s: type", bad.name()).isNotBlank();
            softly.assertThat(problem.path("title").asText()).as("%s: title", bad.name()).isNotBlank();
            softly.assertThat(problem.path("status").asInt()).as("%s: status member", bad.name()).isEqualTo(bad.status());
            softly.assertThat(problem.path("instance").asText()).as("%s: instance", bad.name()).isEqualTo("/articles");
            softly.assertThat(problem.path("detail").asText()).as("%s: detail", bad.name()).contains(bad.detailMentions());
            if (bad.errorField() != null) {
                softly.assertThat(problem.path("errors").findValuesAsText("field")).as("%s: errors", bad.name())
                    .contains(bad.errorField());
            }
        }
        softly.assertAll();

        // And nothing was published
        assertThat(endOffsets()).isEqualTo(endOffsetsBefore);
    }

    @Test
    void answers503WithRetryAfterWhenKafkaDoesNotAcknowledge(@TempDir Path brokerData) throws Exception {
        // Given a second ingest service whose broker goes away after start-up
        withKafkaGone(brokerData, unlucky -> {
            // When a valid story is posted
            long started = System.nanoTime();
            HttpResponse<String> response = post(unlucky.httpPort(), "application/json", SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // Then, within the publish timeout, it is answered 503 with Retry-After as a problem
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = readProblem(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(503);
            assertThat(problem.path("detail").asText()).contains("not published").contains("retry");
            assertThat(response.body()).doesNotContain("at io.");
        });
    }

    @Test
    void aBatchIsAnsweredByOneDeadlineWhenKafkaDoesNotAcknowledge(@TempDir Path brokerData) throws Exception {
        // Given a second ingest service whose broker goes away after start-up
        withKafkaGone(brokerData, unlucky -> {
            // When a batch of eight valid stories is posted
            StringBuilder batch = new StringBuilder();
            for (int n = 1; n <= 8; n++) {
                String id = "outage-batch-" + n;
                batch.append(sample(json -> json.put("id", id))).append('\n');
            }
            long started = System.nanoTime();
            HttpResponse<String> response = post(unlucky.httpPort(), "/articles:batch", "application/x-ndjson", batch.toString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // Then every line is answered 503 with a problem, by one deadline for the batch rather than one per line
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            List<JsonNode> answers = response.body().lines().map(IngestApiIT::readProblem).toList();
            assertThat(answers).hasSize(8).allSatisfy(answer -> {
                assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.path("problem").path("detail").asText()).contains("retry");
            });
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        });
    }

    @Test
    void aKeyChangeKafkaDoesNotConfirmIsA503NotAServerErrorOrAConflict(@TempDir Path brokerData) throws Exception {
        withKafkaGone(brokerData, unlucky -> {
            // When a key is created while Kafka is away
            HttpResponse<String> created = send(HttpRequest.newBuilder()
                .uri(URI.create("http://127.0.0.1:" + unlucky.httpPort() + "/keys"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"keyId\":\"outage-desk-key\",\"roles\":[\"push\"]}")));

            // Then it is a 503 problem with Retry-After, which says to retry, not a 500 or a 409
            assertThat(created.statusCode()).as(created.body()).isEqualTo(503);
            assertThat(created.headers().firstValue("Retry-After")).isPresent();
            assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(readProblem(created.body()).path("detail").asText()).contains("Retry");
        });
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs {@code test} against a second ingest service (2 s publish timeout) whose broker is gone after start-up. */
    private void withKafkaGone(Path brokerData, ThrowingConsumer<IngestApp> test) throws Exception {
        EmbeddedKafkaBroker doomed = EmbeddedKafkaBroker.create(brokerData, 0).start();
        IngestApp unlucky = new IngestApp(IngestConfig.load(Map.of(
            "bootstrap.servers", doomed.bootstrapServers(),
            "schema.registry.url", registry.url().toString(),
            "http.port", "0",
            "auth.enabled", "false",
            "ingest.publish.timeout.ms", "2000")));
        try {
            unlucky.start();
            doomed.close();
            test.accept(unlucky);
        } finally {
            unlucky.close();
            doomed.close();
        }
    }

    private interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    private record BadRequest(String name, String contentType, String body, int status, String detailMentions, String errorField) {
    }

    private static String sample(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS));
        edit.accept(json);
        return JSON.writeValueAsString(json);
    }

    private static JsonNode readProblem(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static HttpResponse<String> post(int port, String contentType, String body) throws IOException, InterruptedException {
        return post(port, "/articles", contentType, body);
    }

    private static HttpResponse<String> post(int port, String path, String contentType, String body) throws IOException, InterruptedException {
        BodyPublisher publisher = body.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .POST(publisher)
            .build();
        return http.send(request, BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), BodyHandlers.ofString());
    }

    /** The record at exactly {@code offset}, read by a fresh consumer assigned to that partition. */
    private static <V> ConsumerRecord<String, V> readAt(TopicPartition partition, long offset, Deserializer<V> values) {
        try (var consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(), values)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            List<ConsumerRecord<String, V>> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).records(partition).forEach(read::add);
                return !read.isEmpty();
            });
            ConsumerRecord<String, V> first = read.get(0);
            assertThat(first.offset()).isEqualTo(offset);
            return first;
        }
    }

    private static Map<TopicPartition, Long> endOffsets() {
        return StableEndOffsets.of(kafka.bootstrapServers(), TOPIC);
    }

    private static Map<String, Object> consumerProps() {
        return Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    }
}
