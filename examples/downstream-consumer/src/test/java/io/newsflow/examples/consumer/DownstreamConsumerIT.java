package io.newsflow.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.serde.AvroSerializer;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.EntityMention;
import io.newsflow.schemas.EntityType;
import io.newsflow.schemas.TextField;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example consumer against a real broker (in-process KRaft) and a real registry (the project's
 * Confluent-compatible server on that broker): an {@code ArticleEnriched} written with the project's serializer,
 * as enrich-service writes it, is read back by the plain KafkaConsumer.
 */
class DownstreamConsumerIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.embedded();

    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistryAndTopic() {
        registry = SchemaRegistryServer.start(RegistryConfig.forLocal(kafka.bootstrapServers(), 0));
        TopicProvisioner.ensure(kafka.bootstrapServers(), List.of(Topics.ARTICLES_ENRICHED), 3, (short) 1);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void readsAnEnrichedStoryWrittenWithTheProjectSerde() {
        // Given an enriched story on articles.enriched, written in a transaction as enrich-service writes it
        assertThat(DownstreamConsumer.TOPIC).isEqualTo(Topics.ARTICLES_ENRICHED.name());
        ArticleEnriched story = enriched();
        produceTransactionally(story);

        // When the example consumer polls
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<ArticleEnriched> read = new ArrayList<>();
        try (DownstreamConsumer consumer = new DownstreamConsumer(
                DownstreamConsumer.config(kafka.bootstrapServers(), registry.url().toString(), "example-it"));
             PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                read.addAll(consumer.pollOnce(Duration.ofMillis(500), out));
                return !read.isEmpty();
            });
        }

        // Then it decodes exactly that story into the generated class and prints headline and entities
        assertThat(read).containsExactly(story);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text)
            .contains(story.getArticle().getId() + " v1: " + story.getArticle().getHeadline())
            .contains("entities: North Korea (PLACE), Kim Jong Un (PERSON)")
            .contains("tags: world, north-korea");
    }

    private static ArticleEnriched enriched() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ArticlePublished article = SampleStories.article(SampleStories.NORTH_KOREAN_TROOPS, now);
        return ArticleEnriched.newBuilder()
            .setArticle(article)
            .setEntities(List.of(
                mention("North Korea", "North Korea", "place:north-korea", EntityType.PLACE),
                mention("Kim Jong Un", "Kim Jong Un", "person:kim-jong-un", EntityType.PERSON),
                mention("North Korea", "North Korea", "place:north-korea", EntityType.PLACE)))
            .setTags(List.of("world", "north-korea"))
            .setEnrichedAt(now)
            .build();
    }

    private static EntityMention mention(String surface, String canonical, String id, EntityType type) {
        return EntityMention.newBuilder()
            .setField(TextField.BODY).setSurface(surface).setStart(0).setEnd(surface.length())
            .setCanonical(canonical).setEntityId(id).setType(type).setConfidence(0.9).setEvidence(null)
            .build();
    }

    private static void produceTransactionally(ArticleEnriched story) {
        Map<String, Object> config = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "example-it-producer",
            "schema.registry.url", registry.url().toString());
        try (KafkaProducer<String, ArticleEnriched> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED.name(), story.getArticle().getId(), story));
            producer.commitTransaction();
        }
    }
}
