package io.newsflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An editor changes the dictionary through ingest-service while the pipeline runs: new stories use the change
 * within seconds, without a restart, and a change with {@code replayHours} re-enriches the stories already
 * in the feed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveDictionaryIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    @RegisterExtension
    @Order(2)
    static final PipelineExtension PIPELINE = PipelineExtension.on(KAFKA, "dictionary");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final HttpJson http = new HttpJson();

    @Test
    void anAddedEntityIsLinkedInNewStoriesAndReplayedIntoOldOnes() throws Exception {
        // Given a story about a person the dictionary does not know
        String oldId = pushStory("dictionary-before", "Analyst Oksana Pryvalova says the front line is holding.");
        await().atMost(WITHIN).until(() -> http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + oldId)).status() == 200);
        // (the linker spots her as a person it cannot identify yet: a provisional id, not a dictionary one)
        assertThat(entityIds(oldId)).contains("person:unlisted:oksana-pryvalova").doesNotContain("person:oksana-pryvalova");

        // When an editor adds her, asking to re-enrich the last 24 hours
        String entry = "{\"id\":\"person:oksana-pryvalova\",\"canonical\":\"Oksana Pryvalova\",\"type\":\"PERSON\","
            + "\"aliases\":[\"Oksana Pryvalova\",\"Pryvalova\"]}";
        putEntryAndReplay("person:oksana-pryvalova", entry, 24);

        // Then enrich-service serves the entry within seconds
        await().atMost(WITHIN).until(() -> http.get(PIPELINE.stack().enrichUrl().resolve("/dictionary/entries/person:oksana-pryvalova")).status() == 200);
        assertThat(http.get(PIPELINE.stack().enrichUrl().resolve("/dictionary/entries/person:oksana-pryvalova")).body().get("edited").asBoolean()).isTrue();

        // and a new story links her, with no restart
        String newId = pushStory("dictionary-after", "Oksana Pryvalova expects a quiet week.");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(entityIds(newId)).contains("person:oksana-pryvalova"));

        // and the old story, re-enriched by the replay, now links her too (same version, refreshed entities)
        await().atMost(WITHIN).untilAsserted(() -> assertThat(entityIds(oldId)).contains("person:oksana-pryvalova"));
        assertThat(http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + oldId)).body().get("version").asInt()).isEqualTo(1);

        // and ?explain=true says why
        JsonNode explained = http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + newId + "?explain=true")).body();
        JsonNode mention = null;
        for (JsonNode m : explained.get("entities")) {
            if (m.get("canonical").asText().equals("Oksana Pryvalova")) {
                mention = m;
            }
        }
        assertThat(mention).isNotNull();
        assertThat(mention.get("evidence").get("matchedAlias").asText()).isEqualTo("Oksana Pryvalova");
        assertThat(mention.get("evidence").has("score")).isTrue();
        assertThat(http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + newId)).body().get("entities").get(0).has("evidence")).isFalse();
    }

    @Test
    void aReplayStepsOverRecordsThatCannotBeRead() throws Exception {
        // Given a story about someone the dictionary does not know, and after it a record the topology dead-letters
        String oldId = pushStory("dictionary-poisoned-window", "Analyst Taras Ohiienko says the talks will resume.");
        await().atMost(WITHIN).until(() -> http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + oldId)).status() == 200);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PIPELINE.stack().bootstrapServers());
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.ARTICLES_PUBLISHED.name(), "poison-in-replay-window",
                "not in the wire format".getBytes(StandardCharsets.UTF_8))).get();
        }

        // When an editor adds him and asks to re-enrich the last 24 hours
        String entry = "{\"id\":\"person:taras-ohiienko\",\"canonical\":\"Taras Ohiienko\",\"type\":\"PERSON\","
            + "\"aliases\":[\"Taras Ohiienko\"]}";
        putEntryAndReplay("person:taras-ohiienko", entry, 24);

        // Then the replay still reaches the story: the unreadable record is skipped, not the end of the replay
        await().atMost(WITHIN).untilAsserted(() -> assertThat(entityIds(oldId)).contains("person:taras-ohiienko"));
    }

    @Test
    void aMalformedEntryIsRefusedAndNothingChanges() throws Exception {
        HttpResponse<String> edit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                PIPELINE.stack().ingestUrl().resolve("/dictionary/entries/person:nobody"))
            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"canonical\":\"No id\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(edit.statusCode()).isEqualTo(422);
        assertThat(http.get(PIPELINE.stack().enrichUrl().resolve("/dictionary/entries/person:nobody")).status()).isEqualTo(404);
    }

    /** An editor's PUT of one entry through ingest-service, asking to re-enrich the last {@code replayHours}. */
    private void putEntryAndReplay(String id, String entry, int replayHours) throws Exception {
        HttpResponse<String> edit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                PIPELINE.stack().ingestUrl().resolve("/dictionary/entries/" + id + "?replayHours=" + replayHours))
            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(entry)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(202);
    }

    private String pushStory(String id, String firstParagraph) throws IOException {
        ObjectNode story = (ObjectNode) JSON.readTree(SampleStories.json(SampleStories.AUSTIN_TEXAS_TRANSIT));
        story.put("id", id);
        story.put("body", firstParagraph + "\n\n" + story.get("body").asText());
        var answer = http.postJson(PIPELINE.stack().ingestUrl().resolve("/articles"), story.toString());
        assertThat(answer.status()).isEqualTo(202);
        return id;
    }

    private java.util.List<String> entityIds(String id) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        var article = http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id));
        if (article.status() == 200) {
            article.body().get("entities").forEach(m -> ids.add(m.get("id").asText()));
        }
        return ids;
    }
}
