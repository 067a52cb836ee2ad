package io.newsflow.dev.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.dev.contract.ConfluentJs.Run;
import io.newsflow.platform.serde.AvroSerde;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Confluent user can swap Confluent's own Avro serde for Newsflow's, or back, without migrating data:
 * Confluent's official serde ({@code @confluentinc/schemaregistry} 1.10.1, run by node on kafkajs) and
 * Newsflow's Java {@link AvroSerde} read each other's records byte for byte and share one schema id in
 * Newsflow's registry. Real broker in this JVM, real registry over HTTP on 127.0.0.1.
 *
 * <p>Skips with a message on stderr where node or the npm packages are missing ({@link RequiresConfluentJs}).
 */
@ExtendWith(RequiresConfluentJs.class)
class ConfluentSerdeContractIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    private static final int COUNT = 6;
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static SchemaRegistryServer registry;
    private static Admin admin;
    private static String registryUrl;
    private static Path writerSchemaFile;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = SchemaRegistryServer.start(RegistryConfig.forLocal(KAFKA.bootstrapServers(), 0));
        registryUrl = registry.url().toString();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
        writerSchemaFile = schemaFileOfGeneratedClass();
    }

    /**
     * The .avsc a Confluent JS user would take from this repository: the schemas/history version equal to
     * the generated class's schema (the one Newsflow's serializer registers). Should history lag behind the
     * class, the class's own schema JSON is used, and the gap reported on stderr.
     */
    private static Path schemaFileOfGeneratedClass() throws IOException {
        Schema generated = ArticlePublished.getClassSchema();
        Path history = ConfluentJs.moduleDirectory().resolve("../schemas/history/ArticlePublished").normalize();
        if (Files.isDirectory(history)) {
            try (var files = Files.list(history)) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc")).sorted().toList()) {
                    if (new Schema.Parser().parse(Files.readString(file)).equals(generated)) {
                        System.err.println("[ConfluentSerdeContractIT] Confluent's serializer uses " + file);
                        return file;
                    }
                }
            }
        }
        Path file = Files.createTempFile("ArticlePublished-", ".avsc");
        file.toFile().deleteOnExit();
        Files.writeString(file, generated.toString());
        System.err.println("[ConfluentSerdeContractIT] no file in " + history + " equals the generated ArticlePublished "
            + "schema; Confluent's serializer uses the generated class's schema JSON instead");
        return file;
    }

    @AfterAll
    static void stopRegistry() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (registry != null) {
            registry.close();
        }
    }

    // ------------------------------------------------------------------------------------------ (a)

    @Test
    @DisplayName("(a) Confluent's JS AvroSerializer writes; Newsflow's Java AvroDeserializer reads every field")
    void confluentWritesNewsflowReads() {
        // Given an empty topic whose subject is not registered yet
        String topic = newTopic("js-to-java");
        String subject = topic + "-value";

        // When Confluent's serializer auto-registers the .avsc through our registry and produces COUNT records
        Run produce = ConfluentJs.runOk("produce.mjs", jsEnv(topic, COUNT, "js-a-"), NODE_TIMEOUT);

        // Then our registry holds one version and Confluent framed every value with its id
        int id = latestId(subject);
        assertThat(versions(subject)).containsExactly(1);
        assertThat(produce.done().path("schemaId").asInt()).isEqualTo(id);
        List<JsonNode> sent = produce.events("produced");
        assertThat(sent).hasSize(COUNT).allSatisfy(e -> assertThat(e.path("header").asText()).isEqualTo(header(id)));

        // and our Java deserializer reads every record with all fields equal to what Confluent's serializer sent
        List<ConsumerRecord<String, byte[]>> raw = readRaw(topic, COUNT);
        AvroSerde<ArticlePublished> serde = AvroSerde.forValues(ArticlePublished.class,
            Map.of("schema.registry.url", registryUrl));
        List<ArticlePublished> read = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : raw) {
            assertThat(hex(record.value(), 5)).as("header of offset %d", record.offset()).isEqualTo(header(id));
            read.add(serde.deserializer().deserialize(topic, record.value()));
        }
        assertThat(read.stream().map(ConfluentSerdeContractIT::view).toList())
            .containsExactlyElementsOf(sent.stream().map(e -> view(e.path("value"))).toList());
        assertThat(raw.stream().map(ConsumerRecord::key).toList())
            .containsExactlyElementsOf(read.stream().map(ArticlePublished::getId).toList());

        // and the Java types are the real ones, checked against values computed here, not echoed from JS
        ArticlePublished first = read.get(0);
        assertThat(first.getId()).isEqualTo("js-a-0");
        assertThat(first.getPublishedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00.123Z"));
        assertThat(first.getIngestedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:01.623Z"));
        assertThat(first.getPubStatus()).isEqualTo(PubStatus.usable);
        assertThat(first.getByline()).isNull();
        assertThat(first.getEmbargoUntil()).isNull();
        assertThat(first.getLabels()).isEmpty();
        ArticlePublished second = read.get(1);
        assertThat(second.getPubStatus()).isEqualTo(PubStatus.withheld);
        assertThat(second.getByline()).isEqualTo("Reporter 1");
        assertThat(second.getEmbargoUntil()).isEqualTo(Instant.parse("2026-11-25T10:00:00.001Z"));
        assertThat(second.getPublishedAt()).isEqualTo(Instant.parse("2026-11-25T09:01:00.123Z"));
        assertThat(second.getHeadline()).isEqualTo("Новина 1: «контракт» тримається");
        assertThat(second.getBody()).contains("📰");
        assertThat(second.getLabels()).containsExactly("Exclusive", "Label 1");
        assertThat(read.get(2).getPubStatus()).isEqualTo(PubStatus.canceled);
    }

    // ------------------------------------------------------------------------------------------ (b)

    @Test
    @DisplayName("(b) Newsflow's Java AvroSerializer writes; Confluent's JS AvroDeserializer reads every field")
    void newsflowWritesConfluentReads() {
        // Given an empty topic and records of the generated class covering nulls, every enum symbol and non-ASCII text
        String topic = newTopic("java-to-js");
        String subject = topic + "-value";
        List<ArticlePublished> records = javaArticles("java-b-", COUNT);

        // When our Java serializer (auto.register.schemas defaults to true) produces them
        produceJava(topic, records);
        int id = latestId(subject);
        assertThat(versions(subject)).containsExactly(1);

        // and Confluent's deserializer reads the topic from the beginning
        Run consume = ConfluentJs.runOk("consume.mjs", jsEnv(topic, COUNT, null), NODE_TIMEOUT);

        // Then it reads every record with all fields equal, each framed with the id our registry returned
        List<JsonNode> got = consume.events("consumed");
        assertThat(got).hasSize(COUNT);
        assertThat(got).allSatisfy(e -> {
            assertThat(e.path("header").asText()).isEqualTo(header(id));
            assertThat(e.path("schemaId").asInt()).isEqualTo(id);
        });
        assertThat(got.stream().map(e -> e.path("key").asText()).toList())
            .containsExactlyElementsOf(records.stream().map(ArticlePublished::getId).toList());
        assertThat(got.stream().map(e -> view(e.path("value"))).toList())
            .containsExactlyElementsOf(records.stream().map(ConfluentSerdeContractIT::view).toList());
    }

    // ------------------------------------------------------------------------------------------ (c)

    @Test
    @DisplayName("(c1) Confluent registers first, then Newsflow's serializer reuses the same id; both read the mixed topic")
    void confluentFirstThenNewsflowShareOneId() {
        // Given Confluent's serializer registered the schema and wrote to a topic
        String topic = newTopic("js-then-java");
        String subject = topic + "-value";
        Run produce = ConfluentJs.runOk("produce.mjs", jsEnv(topic, 3, "js-c1-"), NODE_TIMEOUT);
        int confluentId = produce.done().path("schemaId").asInt();

        // When our Java serializer writes the same schema to the same topic
        List<ArticlePublished> javaRecords = javaArticles("java-c1-", 3);
        produceJava(topic, javaRecords);

        // Then it uses the SAME id: no second registration, no new version
        List<ConsumerRecord<String, byte[]>> raw = readRaw(topic, 6);
        assertThat(raw).extracting(r -> hex(r.value(), 5)).containsOnly(header(confluentId));
        assertThat(versions(subject)).containsExactly(1);
        assertThat(latestId(subject)).isEqualTo(confluentId);

        // and the mixed topic needs no migration: our deserializer and Confluent's read all six records alike
        AvroSerde<ArticlePublished> serde = AvroSerde.forValues(ArticlePublished.class,
            Map.of("schema.registry.url", registryUrl));
        List<Map<String, Object>> javaView = raw.stream()
            .map(r -> view(serde.deserializer().deserialize(topic, r.value()))).toList();
        Run consume = ConfluentJs.runOk("consume.mjs", jsEnv(topic, 6, null), NODE_TIMEOUT);
        List<Map<String, Object>> confluentView = consume.events("consumed").stream().map(e -> view(e.path("value"))).toList();
        assertThat(confluentView).containsExactlyElementsOf(javaView);
        List<Map<String, Object>> written = new ArrayList<>(produce.events("produced").stream().map(e -> view(e.path("value"))).toList());
        javaRecords.forEach(r -> written.add(view(r)));
        assertThat(javaView).containsExactlyElementsOf(written);
    }

    @Test
    @DisplayName("(c2) Newsflow registers first, then Confluent's serializer reuses the same id")
    void newsflowFirstThenConfluentShareOneId() {
        // Given our Java serializer registered the schema and wrote to a topic
        String topic = newTopic("java-then-js");
        String subject = topic + "-value";
        produceJava(topic, javaArticles("java-c2-", 3));
        int newsflowId = latestId(subject);

        // When Confluent's serializer auto-registers the same .avsc under the same subject and writes
        Run produce = ConfluentJs.runOk("produce.mjs", jsEnv(topic, 3, "js-c2-"), NODE_TIMEOUT);

        // Then the registry answered with the SAME id and kept one version
        assertThat(produce.done().path("schemaId").asInt()).isEqualTo(newsflowId);
        assertThat(produce.events("produced")).extracting(e -> e.path("header").asText()).containsOnly(header(newsflowId));
        assertThat(versions(subject)).containsExactly(1);
        assertThat(readRaw(topic, 6)).extracting(r -> hex(r.value(), 5)).containsOnly(header(newsflowId));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Map<String, String> jsEnv(String topic, int count, String idPrefix) {
        Map<String, String> env = ConfluentJs.env("BOOTSTRAP", KAFKA.bootstrapServers(), "REGISTRY_URL", registryUrl,
            "TOPIC", topic, "COUNT", String.valueOf(count), "SCHEMA_FILE", writerSchemaFile.toString());
        if (idPrefix != null) {
            env.put("ID_PREFIX", idPrefix);
        }
        return env;
    }

    private static String newTopic(String purpose) {
        String topic = "contract." + purpose + "." + TOPICS.incrementAndGet();
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topic " + topic, e);
        }
        return topic;
    }

    /** The v1 fields, set by name below; fields added later are filled generically ({@link #fillLaterFields}). */
    private static final Set<String> V1_FIELDS = Set.of("id", "version", "source", "language", "headline", "body",
        "byline", "labels", "urgency", "pubStatus", "embargoUntil", "publishedAt", "ingestedAt");

    /** Story i written by Newsflow's Java side: ms-precision instants, nulls, every pubStatus, non-ASCII text. */
    private static List<ArticlePublished> javaArticles(String idPrefix, int count) {
        Instant base = Instant.parse("2026-11-25T12:00:00Z");
        return IntStream.range(0, count).mapToObj(i -> {
            Instant published = base.plusMillis(i * 60_000L + 7);
            return fillLaterFields(i, published, ArticlePublished.newBuilder()
                .setId(idPrefix + i)
                .setVersion(i + 1)
                .setSource("newsflow-java")
                .setLanguage(i % 2 == 0 ? "en" : "uk")
                .setHeadline(i % 2 == 0 ? "Java story " + i : "Історія " + i + " — «Java» ✓")
                .setBody("Paragraph one of " + i + ".\n\nParagraph two 🗞 with a tab\there.")
                .setByline(i % 2 == 0 ? null : "Desk " + i)
                .setLabels(i % 3 == 0 ? List.of() : List.of("Opinion", "Review " + i))
                .setUrgency(9 - (i % 9))
                .setPubStatus(PubStatus.values()[i % PubStatus.values().length])
                .setEmbargoUntil(i % 2 == 1 ? published.plusSeconds(7_200) : null)
                .setPublishedAt(published)
                .setIngestedAt(published.plusMillis(250))
                .build());
        }).toList();
    }

    /**
     * Optional strings and timestamps that later schema versions added (left at their defaults by the builder)
     * get a value in odd records, so every field crosses the language boundary non-null at least once.
     */
    private static ArticlePublished fillLaterFields(int i, Instant published, ArticlePublished record) {
        if (i % 2 == 0) {
            return record;
        }
        for (Schema.Field field : ArticlePublished.getClassSchema().getFields()) {
            Schema type = field.schema();
            if (V1_FIELDS.contains(field.name()) || type.getType() != Schema.Type.UNION || type.getTypes().size() != 2
                || type.getTypes().get(0).getType() != Schema.Type.NULL) {
                continue;
            }
            Schema branch = type.getTypes().get(1);
            if (branch.getType() == Schema.Type.STRING) {
                record.put(field.pos(), field.name() + " " + i + " — Java ✓");
            } else if (branch.getType() == Schema.Type.LONG && branch.getLogicalType() != null
                && "timestamp-millis".equals(branch.getLogicalType().getName())) {
                record.put(field.pos(), published.plusSeconds(3_600));
            }
        }
        return record;
    }

    private static void produceJava(String topic, List<ArticlePublished> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        AvroSerde<ArticlePublished> serde = AvroSerde.forValues(ArticlePublished.class,
            Map.of("schema.registry.url", registryUrl));
        try (KafkaProducer<String, ArticlePublished> producer =
                 new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
            for (ArticlePublished record : records) {
                producer.send(new ProducerRecord<>(topic, 0, record.getId(), record)).get(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    /** Reads partition 0 of {@code topic} from the beginning as raw bytes, polling until {@code expected} arrive. */
    private static List<ConsumerRecord<String, byte[]>> readRaw(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                 new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(records::add);
            }
        }
        assertThat(records).as("records read from %s within %s", topic, READ_TIMEOUT).hasSize(expected);
        return records;
    }

    // --- registry, over plain HTTP as any client would see it

    private static int latestId(String subject) {
        return registryGet("/subjects/" + encode(subject) + "/versions/latest").path("id").asInt();
    }

    private static List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        registryGet("/subjects/" + encode(subject) + "/versions").forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    private static JsonNode registryGet(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + path)).timeout(Duration.ofSeconds(10))
            .header("Accept", "application/vnd.schemaregistry.v1+json").GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s answered %s", path, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    // --- comparing records across languages

    /** Confluent's frame: magic byte 0 and the schema id as 4 big-endian bytes, in hex. */
    private static String header(int schemaId) {
        return String.format("00%08x", schemaId);
    }

    private static String hex(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(length, bytes.length); i++) {
            text.append(String.format("%02x", bytes[i]));
        }
        return text.toString();
    }

    /** Every schema field of a Java record as plain values: instants as epoch millis, enums as symbols. */
    private static Map<String, Object> view(ArticlePublished record) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (Schema.Field field : ArticlePublished.getClassSchema().getFields()) {
            view.put(field.name(), plain(record.get(field.pos())));
        }
        return view;
    }

    private static Object plain(Object value) {
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof Enum<?> symbol) {
            return symbol.name();
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConfluentSerdeContractIT::plain).toList();
        }
        return value;
    }

    /** The same view of a record as Confluent's JS serde printed it; a field it did not print fails the test. */
    private static Map<String, Object> view(JsonNode value) {
        assertThat(value.isObject()).as("a record object: %s", value).isTrue();
        List<String> names = ArticlePublished.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
        List<String> printed = new ArrayList<>();
        value.fieldNames().forEachRemaining(printed::add);
        assertThat(printed).as("fields of %s", value).containsExactlyInAnyOrderElementsOf(names);
        Map<String, Object> view = new LinkedHashMap<>();
        for (String name : names) {
            view.put(name, plain(value.get(name)));
        }
        return view;
    }

    private static Object plain(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(plain(item)));
            return items;
        }
        // e.g. a wrapped union {"string": "..."}: kept as JSON text so the comparison shows it
        return node.toString();
    }
}
