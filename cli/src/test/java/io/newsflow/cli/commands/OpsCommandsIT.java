package io.newsflow.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.DeadLetterHeaders;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.serde.AvroSerializer;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code newsflow lag}, {@code tail}, {@code dlq list} and {@code dlq replay} against a real broker. */
class OpsCommandsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTRY = "mock://ops-commands-it";

    @BeforeAll
    static void createTopics() {
        TopicProvisioner.ensureAll(Settings.of(Map.of(CommonConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
            CommonConfig.TOPIC_PARTITIONS_CONFIG, "1", CommonConfig.TOPIC_REPLICATION_FACTOR_CONFIG, "1")));
    }

    @Test
    void tailDecodesAvroThroughTheRegistryAndShowsWhatDoesNotDecode() throws Exception {
        ArticlePublished story = SampleStories.article(SampleStories.NORTH_KOREAN_TROOPS, Instant.parse("2024-10-21T10:00:00Z"));
        AvroSerializer<ArticlePublished> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", REGISTRY, "auto.register.schemas", "true"), false);
        String topic = Topics.ENRICH_REPLAY.name();
        send(topic, story.getId(), serializer.serialize(topic, story), new RecordHeaders());
        send(topic, "garbage", "not avro at all".getBytes(StandardCharsets.UTF_8), new RecordHeaders());

        CliRun run = CliRun.of("tail", topic, "--from-beginning", "--bootstrap-servers", KAFKA.bootstrapServers(),
            "--schema-registry-url", REGISTRY);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("key").asText()).isEqualTo(story.getId());
        assertThat(lines.get(0).get("value").get("headline").asText()).isEqualTo(story.getHeadline());
        assertThat(lines.get(0).get("value").get("version").asInt()).isEqualTo(story.getVersion());
        assertThat(lines.get(1).get("rawValue").asText()).isEqualTo("not avro at all");
        assertThat(lines.get(1).get("decodeError").asText()).contains("magic byte");

        // -n 1: only the newest record
        CliRun last = CliRun.of("tail", topic, "-n", "1", "--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url", REGISTRY);
        assertThat(last.out().strip().split("\n")).singleElement()
            .satisfies(line -> assertThat(JSON.readTree(line).get("key").asText()).isEqualTo("garbage"));
    }

    @Test
    void dlqListShowsWhyAndReplayPutsTheBytesBackOnTheSourceTopic() throws Exception {
        String dlq = Topics.ARTICLES_PUBLISHED_DLQ.name();
        String key = "poison-" + UUID.randomUUID();
        byte[] original = "{\"broken\":true}".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, "deserialization".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.STAGE, "enrich-service".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, Topics.ARTICLES_PUBLISHED.name().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, "41".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.FAILED_AT, String.valueOf(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ERROR, "SerializationException: Unknown magic byte".getBytes(StandardCharsets.UTF_8));
        RecordMetadata parked = send(dlq, key, original, headers);

        CliRun list = CliRun.of("dlq", "list", "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(dlq + ": 1 dead letter")
            .contains("key=" + key).contains("reason=deserialization").contains("stage=enrich-service")
            .contains("source=articles.published-0@41").contains("Unknown magic byte")
            .contains(Topics.ARTICLES_ENRICHED_DLQ.name() + ": 0 dead letters");

        CliRun dryRun = CliRun.of("dlq", "replay", dlq, "--dry-run", "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(dryRun.out()).contains("would replay " + dlq + "-0@" + parked.offset() + " to articles.published");
        assertThat(recordsWithKey(Topics.ARTICLES_PUBLISHED.name(), key)).isEmpty();

        CliRun replay = CliRun.of("dlq", "replay", dlq, "--offset", "0:" + parked.offset(), "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("1 dead letter replayed");
        List<ConsumerRecord<byte[], byte[]>> replayed = recordsWithKey(Topics.ARTICLES_PUBLISHED.name(), key);
        assertThat(replayed).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(original);
            assertThat(new String(record.headers().lastHeader(DlqCommand.REPLAYED_FROM).value(), StandardCharsets.UTF_8))
                .isEqualTo(dlq + "-0@" + parked.offset());
        });

        CliRun unknown = CliRun.of("dlq", "replay", "articles.nope", "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(unknown.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(unknown.err()).contains("not a dead-letter topic");
    }

    @Test
    void lagShowsOffsetsAndSecondsPerGroupAndPartition() throws Exception {
        String topic = Topics.FEED_EVENTS.name();
        for (int i = 0; i < 4; i++) {
            send(topic, "story-" + i, ("v" + i).getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        }
        String group = "ops-commands-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)))
                .all().get(30, TimeUnit.SECONDS);
        }

        CliRun run = CliRun.of("lag", "--group", group, "--bootstrap-servers", KAFKA.bootstrapServers());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("GROUP").contains("LAG SECONDS");
        assertThat(run.out()).containsPattern(group + "\\s+" + topic.replace(".", "\\.") + "\\s+0\\s+1\\s+\\d+\\s+\\d+\\s+\\d+\\.\\d");
        assertThat(run.out()).containsPattern(group + ": max lag [1-9]\\d* offsets");
    }

    private static RecordMetadata send(String topic, String key, byte[] value, RecordHeaders headers) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8), value, headers))
                .get(30, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> recordsWithKey(String topic, String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
