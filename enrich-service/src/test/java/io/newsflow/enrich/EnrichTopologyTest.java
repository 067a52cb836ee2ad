package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.linking.Dictionary;
import io.newsflow.enrich.dictionary.LiveDictionary;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.metrics.PipelineMetrics;
import io.newsflow.platform.registry.InMemorySchemaRegistry;
import io.newsflow.platform.streams.DeadLetterRouter;
import io.newsflow.platform.streams.StreamsSettings;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.DictionaryEdit;
import io.newsflow.schemas.EntityMention;
import io.newsflow.schemas.TextField;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {

    private static final String SCOPE = "enrich-topology-test";
    private static final Instant NOW = Instant.parse("2024-10-21T15:00:00Z");
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final Settings SETTINGS = Settings.of(Map.of(
        CommonConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
        CommonConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
        CommonConfig.AUTO_REGISTER_SCHEMAS_CONFIG, "true",
        CommonConfig.TOPIC_REPLICATION_FACTOR_CONFIG, "1"));

    /** Building the linker for the full dictionary takes seconds, so the class shares one. */
    private static LiveDictionary dictionary;

    private TopologyTestDriver driver;
    private TestInputTopic<String, DictionaryEdit> edits;
    private TestInputTopic<String, ArticlePublished> replays;
    private TestOutputTopic<String, ArticleEnriched> latestState;
    private TestInputTopic<String, ArticlePublished> published;
    private TestInputTopic<String, byte[]> rawPublished;
    private TestOutputTopic<String, ArticleEnriched> enriched;

    @BeforeAll
    static void buildDictionary() {
        dictionary = new LiveDictionary(Dictionary.loadDefault(), Clock.systemUTC(), hours -> { });
    }

    @AfterAll
    static void closeDictionary() {
        dictionary.close();
    }

    @BeforeEach
    void startTopology() {
        Map<String, Object> serdeConfigs = CommonConfig.serdeConfigs(SETTINGS);
        var enricher = new ArticleEnricher(dictionary::linker, Clock.fixed(NOW, ZoneOffset.UTC));
        Properties props = StreamsSettings.from(SETTINGS, "enrich-test", METERS);
        driver = new TopologyTestDriver(EnrichTopology.build(enricher, dictionary, serdeConfigs, PipelineMetrics.on(METERS)), props);
        var dictionaryTopic = Topics.DICTIONARY_ENTRIES;
        edits = driver.createInputTopic(dictionaryTopic.name(), new StringSerializer(), dictionaryTopic.valueSerde(serdeConfigs).serializer());
        replays = driver.createInputTopic(Topics.ENRICH_REPLAY.name(), new StringSerializer(),
            Topics.ENRICH_REPLAY.valueSerde(serdeConfigs).serializer());
        latestState = driver.createOutputTopic(Topics.ARTICLES_LATEST_STATE.name(), new StringDeserializer(),
            Topics.ARTICLES_LATEST_STATE.valueSerde(serdeConfigs).deserializer());
        var in = Topics.ARTICLES_PUBLISHED;
        published = driver.createInputTopic(in.name(), new StringSerializer(), in.valueSerde(serdeConfigs).serializer());
        rawPublished = driver.createInputTopic(in.name(), new StringSerializer(), new ByteArraySerializer());
        var out = Topics.ARTICLES_ENRICHED;
        enriched = driver.createOutputTopic(out.name(), out.keySerde().deserializer(), out.valueSerde(serdeConfigs).deserializer());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
        InMemorySchemaRegistry.drop(SCOPE);
    }

    @Test
    void enrichesTheSampleStoryKeepingTheArticleAndKey() {
        // Given the sample story as ingest-service publishes it
        ArticlePublished article = SampleStories.article(SampleStories.NORTH_KOREAN_TROOPS, NOW);

        // When it passes through the topology
        published.pipeInput(article.getId(), article);

        // Then one enriched record comes out under the same key, carrying the article unchanged
        var record = enriched.readRecord();
        assertThat(record.key()).isEqualTo(article.getId());
        ArticleEnriched result = record.value();
        assertThat(result.getArticle()).isEqualTo(article);
        assertThat(result.getEnrichedAt()).isEqualTo(NOW);
        assertThat(result.getTags()).hasSizeBetween(2, 4);
        assertThat(enriched.isEmpty()).isTrue();

        // and every mention's offsets point at its surface text in the right field
        assertThat(result.getEntities()).isNotEmpty();
        for (EntityMention mention : result.getEntities()) {
            String text = mention.getField() == TextField.HEADLINE ? article.getHeadline() : article.getBody();
            assertThat(text.substring(mention.getStart(), mention.getEnd())).isEqualTo(mention.getSurface());
            assertThat(mention.getConfidence()).isBetween(0.0, 1.0);
            assertThat(mention.getEvidence()).isNotNull();
        }
        assertThat(result.getEntities()).filteredOn(m -> m.getSurface().equals("DPRK"))
            .extracting(EntityMention::getCanonical).containsExactly("North Korea");
        assertThat(result.getEntities()).filteredOn(m -> m.getSurface().equals("Austin"))
            .extracting(EntityMention::getCanonical).containsOnly("Lloyd Austin");
    }

    @Test
    void aPoisonRecordIsSkippedAndTheNextStoryStillComesThrough() {
        // Given bytes that are not in the Confluent wire format, followed by a good story
        ArticlePublished good = SampleStories.article(SampleStories.AUSTIN_TEXAS_TRANSIT, NOW);
        rawPublished.pipeInput("poison", "{\"not\":\"avro\"}".getBytes());
        published.pipeInput(good.getId(), good);

        // Then only the good story is enriched, and its Austin is the city in Texas
        var records = enriched.readKeyValuesToList();
        assertThat(records).extracting(kv -> kv.key).containsExactly(good.getId());
        assertThat(records.get(0).value.getEntities()).filteredOn(m -> m.getSurface().equals("Austin"))
            .extracting(EntityMention::getCanonical).containsOnly("Austin, Texas");

        // and the dead-letter router counted it (TopologyTestDriver does not deliver dead letters to their topic;
        // DeadLetterIT checks the records on a real broker)
        assertThat(deadLettered("deserialization")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aStoryWhoseSchemaIdIsUnknownIsCountedAsASchemaFailureAndSkipped() {
        // Given a record in the Confluent wire format whose schema id the registry has never issued
        double before = deadLettered("schema");
        rawPublished.pipeInput("unknown-schema", new byte[] {0, 0, 0, 0x7f, 0x11, 2, 3});

        assertThat(deadLettered("schema")).isEqualTo(before + 1);
        assertThat(enriched.isEmpty()).isTrue();
    }

    private static double deadLettered(String reason) {
        var counter = METERS.find(DeadLetterRouter.DLQ_COUNTER).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anEditorsDictionaryChangeAppliesToTheNextStoryWithoutARestart() {
        // Given a story mentioning a person the shipped dictionary does not know
        ArticlePublished before = SampleStories.article(SampleStories.AUSTIN_TEXAS_TRANSIT, NOW);
        before.setBody("Council member Maria Testerova proposed the change. " + before.getBody());
        published.pipeInput(before.getId(), before);
        assertThat(enriched.readValue().getEntities()).extracting(EntityMention::getEntityId)
            .contains("person:unlisted:maria-testerova").doesNotContain("person:maria-testerova");

        // When an editor adds her to the dictionary through dictionary.entries
        long generation = dictionary.status().generation();
        String entry = "{\"id\":\"person:maria-testerova\",\"canonical\":\"Maria Testerova\",\"type\":\"PERSON\","
            + "\"aliases\":[\"Maria Testerova\"]}";
        edits.pipeInput("person:maria-testerova", new DictionaryEdit("person:maria-testerova", entry, 0, "editor-1", NOW));
        await().atMost(Duration.ofSeconds(10)).until(() -> dictionary.status().generation() > generation);

        // Then the next version of the story links her
        ArticlePublished after = ArticlePublished.newBuilder(before).setVersion(2).build();
        published.pipeInput(after.getId(), after);
        assertThat(enriched.readValue().getEntities()).extracting(EntityMention::getEntityId).contains("person:maria-testerova");
    }

    @Test
    void aReplayedOlderVersionNeverOverwritesANewerOne() {
        ArticlePublished v1 = SampleStories.article(SampleStories.AUSTIN_TEXAS_TRANSIT, NOW);
        ArticlePublished v2 = ArticlePublished.newBuilder(v1).setVersion(2).setHeadline("Second version").build();
        published.pipeInput(v2.getId(), v2);

        // a replay of v1 (read before v2 arrived) and a replay of v2 itself
        replays.pipeInput(v1.getId(), v1);
        replays.pipeInput(v2.getId(), v2);

        assertThat(enriched.readValuesToList()).extracting(e -> e.getArticle().getVersion()).containsExactly(2, 2);
        assertThat(latestState.readValuesToList()).extracting(e -> e.getArticle().getVersion()).containsExactly(2, 2);
    }

    @Test
    void aKillBecomesATombstoneOnLatestState() {
        ArticlePublished live = SampleStories.article(SampleStories.AUSTIN_TEXAS_TRANSIT, NOW);
        ArticlePublished killed = ArticlePublished.newBuilder(live).setVersion(2).setPubStatus(io.newsflow.schemas.PubStatus.canceled).build();
        published.pipeInput(live.getId(), live);
        published.pipeInput(killed.getId(), killed);

        var records = latestState.readKeyValuesToList();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).value).isNull();
        assertThat(enriched.readValuesToList().get(1).getEntities()).isEmpty();
    }

    @Test
    void aTombstoneIsNotEnriched() {
        published.pipeInput("killed-story", (ArticlePublished) null);
        assertThat(enriched.isEmpty()).isTrue();
    }
}
