package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.platform.kafka.DeadLetterHeaders;
import io.newsflow.platform.kafka.DeadLetterTopic;
import io.newsflow.platform.kafka.TopicSpec;
import io.newsflow.platform.kafka.Topics;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml against the AsyncAPI 3.0.0 schema and against what the code really uses: the topics and
 * dead-letter topics of {@link Topics} with their configs, the Avro schemas of their value classes (and the
 * .avsc files those come from), the dead-letter headers, and who produces and consumes each topic.
 */
class AsyncApiContractTest {

    private static final String AVRO_FORMAT = "application/vnd.apache.avro;version=1.9.0";

    private static JsonNode doc;
    private static Map<Path, Schema> avscFiles;

    @BeforeAll
    static void read() throws IOException {
        doc = RepoFiles.yaml("docs/asyncapi.yaml");
        avscFiles = parseAvscFiles(RepoFiles.path("schemas/src/main/avro"));
    }

    @Test
    void isAValidAsyncApi300Document() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(JsonSchemas.violations(JsonSchemas.asyncApi300(), doc)).isEmpty();

        // The schema does reject AsyncAPI 2 habits, so the empty list above means something
        ObjectNode broken = doc.deepCopy();
        ((ObjectNode) broken.path("operations").path("ingestPublishesArticles")).put("action", "publish");
        ((ObjectNode) broken.path("channels").path("articles.published").path("bindings").path("kafka")
            .path("topicConfiguration")).put("retention.ms", "thirty days");
        assertThat(JsonSchemas.violations(JsonSchemas.asyncApi300(), broken))
            .anySatisfy(error -> assertThat(error).contains("action"))
            .anySatisfy(error -> assertThat(error).contains("retention.ms"));
    }

    @Test
    void channelsAreExactlyTheTopicsAndDeadLetterTopicsTheCodeDeclares() {
        Set<String> declared = new TreeSet<>();
        Topics.all().forEach(topic -> declared.add(topic.name()));
        Topics.deadLetters().forEach(topic -> declared.add(topic.name()));

        Map<String, JsonNode> channels = fields(doc.path("channels"));
        assertThat(channels.keySet()).containsExactlyInAnyOrderElementsOf(declared);
        channels.forEach((id, channel) -> {
            assertThat(channel.path("address").asText()).as("%s address", id).isEqualTo(id);
            assertThat(channel.path("bindings").path("kafka").path("topic").asText()).as("%s topic", id).isEqualTo(id);
        });
    }

    @Test
    void cleanupAndRetentionAreTheConfigsTopicsAreCreatedWith() {
        for (TopicSpec<?> topic : Topics.all()) {
            assertThat(topicConfiguration(topic.name())).as(topic.name()).isEqualTo(new TreeMap<>(topic.configs()));
        }
        for (DeadLetterTopic topic : Topics.deadLetters()) {
            assertThat(topicConfiguration(topic.name())).as(topic.name()).isEqualTo(new TreeMap<>(topic.configs()));
            assertThat(topic.configs()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", String.valueOf(14L * 24 * 60 * 60 * 1000));
        }
    }

    @Test
    void valueSchemasAreTheAvroSchemasOfTheValueClasses() {
        String registryCompatibility = RepoFiles.yaml("docker-compose.yml").path("services").path("schema-registry")
            .path("environment").path("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL").asText();
        for (TopicSpec<?> topic : Topics.all()) {
            JsonNode channel = doc.path("channels").path(topic.name());
            Schema classSchema = SpecificData.get().getSchema(topic.valueType());

            // Exactly one Avro message; anything else on the channel is a tombstone (null payload)
            List<JsonNode> avroMessages = new ArrayList<>();
            for (JsonNode message : resolvedMessages(channel)) {
                if (message.path("payload").has("schemaFormat")) {
                    avroMessages.add(message);
                } else {
                    assertThat(message.path("payload").path("type").asText()).as("%s non-Avro message", topic.name()).isEqualTo("null");
                    assertThat(topic.configs().get("cleanup.policy").equals("compact") || topic.name().equals("feed.events"))
                        .as("%s carries tombstones", topic.name()).isTrue();
                }
                assertThat(message.path("bindings").path("kafka").path("key").isMissingNode())
                    .as("%s message key", topic.name()).isFalse();
            }
            assertThat(avroMessages).as(topic.name()).hasSize(1);
            JsonNode message = avroMessages.get(0);
            assertThat(message.path("name").asText()).isEqualTo(topic.valueType().getSimpleName());
            assertThat(message.path("payload").path("schemaFormat").asText()).isEqualTo(AVRO_FORMAT);

            // ...whose schema file is the one the class was generated from
            Path avsc = RepoFiles.path("docs").resolve(message.path("payload").path("schema").path("$ref").asText()).normalize();
            assertThat(avsc).as("%s schema file", topic.name()).isRegularFile();
            Schema fileSchema = avscFiles.get(avsc);
            assertThat(fileSchema.getFullName()).isEqualTo(topic.valueType().getName()).isEqualTo(classSchema.getFullName());
            assertThat(comparable(fileSchema)).as("%s: %s matches %s", topic.name(), avsc.getFileName(), topic.valueType().getName())
                .isEqualTo(comparable(classSchema));

            // ...registered under TopicNameStrategy, evolving under the registry's compatibility level
            assertThat(channel.path("x-schema-registry").path("subject").asText()).isEqualTo(topic.name() + "-value");
            assertThat(channel.path("x-schema-registry").path("compatibility").asText())
                .isEqualTo("BACKWARD").isEqualToIgnoringCase(registryCompatibility);
            assertThat(message.path("bindings").path("kafka").path("schemaLookupStrategy").asText()).isEqualTo("TopicNameStrategy");
            assertThat(message.path("bindings").path("kafka").path("schemaIdLocation").asText()).isEqualTo("payload");
        }
    }

    @Test
    void deadLetterChannelsCarryRawBytesAndTheDeadLetterHeaders() throws IllegalAccessException {
        Set<String> headerNames = new TreeSet<>();
        for (Field field : DeadLetterHeaders.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                headerNames.add((String) field.get(null));
            }
        }
        assertThat(headerNames).hasSizeGreaterThanOrEqualTo(8);
        for (DeadLetterTopic topic : Topics.deadLetters()) {
            JsonNode channel = doc.path("channels").path(topic.name());
            assertThat(channel.path("x-dead-letter").path("source").asText()).isEqualTo(topic.source().name());
            assertThat(channel.path("x-dead-letter").path("stage").asText()).isEqualTo(topic.stage());
            assertThat(channel.has("x-schema-registry")).as("%s has no schema of its own", topic.name()).isFalse();
            List<JsonNode> messages = resolvedMessages(channel);
            assertThat(messages).hasSize(1);
            JsonNode message = messages.get(0);
            assertThat(message.path("payload").path("format").asText()).isEqualTo("binary");
            assertThat(message.path("bindings").path("kafka").path("key").path("format").asText()).isEqualTo("binary");
            assertThat(fields(message.path("headers").path("properties")).keySet())
                .containsExactlyInAnyOrderElementsOf(headerNames);
            assertThat(message.path("headers").path("properties").path(DeadLetterHeaders.STAGE).path("enum").toString())
                .contains(topic.stage());
        }
    }

    @Test
    void everyTopicHasAProducerAndAConsumerAndEveryOperationPointsAtItsChannel() {
        Set<String> serviceTags = new TreeSet<>();
        doc.path("info").path("tags").forEach(tag -> serviceTags.add(tag.path("name").asText()));
        Map<String, Set<String>> actionsByChannel = new HashMap<>();
        Map<String, Set<String>> sendersByChannel = new HashMap<>();
        fields(doc.path("operations")).forEach((id, operation) -> {
            String channelRef = operation.path("channel").path("$ref").asText();
            assertThat(channelRef).as("%s channel", id).startsWith("#/channels/");
            String channelId = channelRef.substring("#/channels/".length());
            assertThat(doc.path("channels").has(channelId)).as("%s channel %s exists", id, channelId).isTrue();
            String action = operation.path("action").asText();
            actionsByChannel.computeIfAbsent(channelId, key -> new TreeSet<>()).add(action);

            assertThat(operation.path("tags")).as("%s tags", id).hasSize(1);
            String service = operation.path("tags").get(0).path("name").asText();
            assertThat(serviceTags).as("%s tag", id).contains(service);
            if (action.equals("send")) {
                sendersByChannel.computeIfAbsent(channelId, key -> new TreeSet<>()).add(service);
            }

            assertThat(operation.path("messages")).as("%s messages", id).isNotEmpty();
            for (JsonNode message : operation.path("messages")) {
                assertThat(message.path("$ref").asText()).as("%s message", id).startsWith(channelRef + "/messages/");
                assertThat(resolve(message.path("$ref").asText()).isMissingNode()).as("%s resolves", message).isFalse();
            }
        });
        fields(doc.path("channels")).keySet().forEach(channel ->
            assertThat(actionsByChannel.get(channel)).as("%s has a producer and a consumer", channel)
                .containsExactlyInAnyOrder("send", "receive"));
        // The code says who writes each dead-letter topic
        Topics.deadLetters().forEach(topic ->
            assertThat(sendersByChannel.get(topic.name())).as(topic.name()).containsExactly(topic.stage()));
        assertThat(sendersByChannel.get(Topics.ARTICLES_ENRICHED.name())).containsExactly("enrich-service");
        assertThat(sendersByChannel.get(Topics.ARTICLES_PUBLISHED.name())).containsExactly("ingest-service");
    }

    /**
     * A schema as JSON without what code generation adds ({@code "avro.java.string": "String"} on every string),
     * so a generated class's schema compares equal to the .avsc it came from, docs, defaults and logical types
     * included.
     */
    private static JsonNode comparable(Schema schema) {
        try {
            return withoutJavaStringType(RepoFiles.JSON.readTree(schema.toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode withoutJavaStringType(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = ((ObjectNode) node).deepCopy();
            object.remove("avro.java.string");
            if (object.size() == 1 && object.path("type").asText().equals("string")) {
                return object.get("type");
            }
            fields(object).forEach((key, value) -> object.set(key, withoutJavaStringType(value)));
            return object;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode array = RepoFiles.JSON.createArrayNode();
            node.forEach(element -> array.add(withoutJavaStringType(element)));
            return array;
        }
        return node;
    }

    /** A channel's topicConfiguration as the String map TopicSpec uses (lists joined with commas). */
    private static Map<String, String> topicConfiguration(String channel) {
        JsonNode configuration = doc.path("channels").path(channel).path("bindings").path("kafka").path("topicConfiguration");
        Map<String, String> configs = new TreeMap<>();
        fields(configuration).forEach((key, value) -> configs.put(key, value.isArray()
            ? Stream.of(value).flatMap(array -> toList(array.elements()).stream()).map(JsonNode::asText).collect(Collectors.joining(","))
            : value.asText()));
        return configs;
    }

    private static List<JsonNode> resolvedMessages(JsonNode channel) {
        List<JsonNode> messages = new ArrayList<>();
        channel.path("messages").forEach(message -> messages.add(
            message.has("$ref") ? resolve(message.path("$ref").asText()) : message));
        messages.forEach(message -> assertThat(message.isMissingNode()).as("dangling message reference").isFalse());
        return messages.stream().map(message -> message.has("$ref") ? resolve(message.path("$ref").asText()) : message).toList();
    }

    /** A local reference ({@code #/a/b}) inside the document. */
    private static JsonNode resolve(String ref) {
        assertThat(ref).startsWith("#/");
        JsonNode node = doc;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }

    /**
     * Every .avsc file under the Avro source folder, parsed as the build does (schemas/pom.xml imports common/
     * first): shared types, then ArticlePublished, which ArticleEnriched nests, then the rest.
     */
    private static Map<Path, Schema> parseAvscFiles(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(path -> path.toString().endsWith(".avsc")).map(Path::normalize)
                .sorted(Comparator.comparing((Path path) -> !path.getParent().endsWith("common"))
                    .thenComparing(path -> !path.endsWith("ArticlePublished.avsc"))
                    .thenComparing(Path::toString))
                .toList();
        }
        Map<Path, Schema> parsed = new LinkedHashMap<>();
        Schema.Parser parser = new Schema.Parser();
        for (Path file : files) {
            Schema schema = parser.parse(file.toFile());
            assertThat(schema.toString()).as("%s references only types defined before it", file).doesNotContain("unresolved");
            parsed.put(file, schema);
        }
        return parsed;
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.fields().forEachRemaining(entry -> fields.put(entry.getKey(), entry.getValue()));
        return fields;
    }

    private static <T> List<T> toList(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
