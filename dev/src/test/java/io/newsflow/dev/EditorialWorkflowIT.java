package io.newsflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A story's whole life through the running pipeline (real broker, registry and both Streams apps): update,
 * correction, re-top, kill with a tombstone downstream, reinstate, embargo release, flash delivery on the
 * live stream, and ninjs out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditorialWorkflowIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    @RegisterExtension
    @Order(2)
    static final PipelineExtension PIPELINE = PipelineExtension.on(KAFKA, "editorial");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

    private final HttpJson http = new HttpJson();

    @Test
    void anUpdateReplacesTheStoryInItsSlotAndACorrectionIsInTheVersionChain() {
        // Given two stories, the first older
        String id = "workflow-update";
        push(story(id, null, "2024-10-21T10:00:00+03:00", "First headline", 5));
        push(story("workflow-later", null, "2024-10-21T11:00:00+03:00", "A later story", 5));
        awaitVisible("workflow-later");

        // When the first is corrected (version 2, published later, with a note)
        ObjectNode correction = story(id, 2, "2024-10-21T12:00:00+03:00", "Corrected headline", 5);
        correction.put("editorNote", "Corrected the headline");
        assertThat(push(correction).body().get("version").asInt()).isEqualTo(2);

        // (an editor reading right after the push gets version 2, not the version before: read-your-writes)
        var readBack = http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id + "?minVersion=2"));
        assertThat(readBack.status()).isEqualTo(200);
        assertThat(readBack.body().get("version").asInt()).isEqualTo(2);
        assertThat(readBack.body().get("headline").asText()).isEqualTo("Corrected headline");

        // Then the feed shows only version 2, still below the later story, labelled Updated
        await().atMost(VISIBLE_WITHIN).untilAsserted(() ->
            assertThat(feedItem(id).get("version").asInt()).isEqualTo(2));
        List<String> order = feedIds(50);
        assertThat(order.indexOf(id)).isGreaterThan(order.indexOf("workflow-later"));
        assertThat(order.stream().filter(id::equals)).hasSize(1);
        assertThat(feedItem(id).get("labels").toString()).contains("Updated");

        // and the version chain says what changed and why
        JsonNode versions = http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id + "/versions")).body();
        assertThat(versions.get("currentVersion").asInt()).isEqualTo(2);
        assertThat(versions.get("versions").get(1).get("changes").toString()).contains("headline");
        assertThat(versions.get("versions").get(1).get("editorNote").asText()).isEqualTo("Corrected the headline");

        // When version 3 asks for a re-top, it moves above the later story
        ObjectNode retop = story(id, 3, "2024-10-21T12:30:00+03:00", "Corrected headline, moved up", 5);
        retop.put("reTop", true);
        push(retop);
        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> {
            List<String> now = feedIds(50);
            assertThat(now.indexOf(id)).isLessThan(now.indexOf("workflow-later"));
        });

        // And a stale version is refused with the current one
        var stale = http.postJson(PIPELINE.stack().ingestUrl().resolve("/articles"), story(id, 1, "2024-10-21T10:00:00+03:00", "Old", 5).toString());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("currentVersion").asInt()).isEqualTo(3);
    }

    @Test
    void aKillRemovesTheStoryEverywhereAndDownstreamAppsSeeATombstone() throws Exception {
        // Given a live story
        String id = "workflow-kill";
        push(story(id, null, "2024-10-21T13:00:00+03:00", "A story that will be killed", 4));
        awaitVisible(id);

        // When its desk kills it
        HttpResponse<String> killed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(PIPELINE.stack().ingestUrl().resolve("/articles/" + id))
            .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(killed.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(killed.body()).get("pubStatus").asText()).isEqualTo("canceled");

        // Then it leaves the feed and its page answers 410 Gone
        await().atMost(VISIBLE_WITHIN).untilAsserted(() ->
            assertThat(http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id)).status()).isEqualTo(410));
        assertThat(feedIds(200)).doesNotContain(id);
        // and a read-your-writes wait for the kill's version answers 410, not a 503 "retry later" after the wait
        assertThat(http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id + "?minVersion=2")).status()).isEqualTo(410);
        // and its version chain no longer shows the killed headline either
        var chainAfterKill = http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id + "/versions"));
        assertThat(chainAfterKill.status()).isEqualTo(410);
        assertThat(chainAfterKill.body().toString()).doesNotContain("A story that will be killed");

        // and a plain read_committed consumer of articles.latest-state sees the story, then its tombstone
        List<ConsumerRecord<String, ArticleEnriched>> latest = readLatestState(id);
        assertThat(latest).isNotEmpty();
        assertThat(latest.get(latest.size() - 1).value()).isNull();

        // A later push of the same id is refused until an editor reinstates it
        var again = http.postJson(PIPELINE.stack().ingestUrl().resolve("/articles"),
            story(id, null, "2024-10-21T13:00:00+03:00", "Trying to bring it back", 4).toString());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("storyStatus").asText()).isEqualTo("killed");

        var reinstated = http.postJson(PIPELINE.stack().ingestUrl().resolve("/articles/" + id + "/reinstate"), "");
        assertThat(reinstated.status()).isEqualTo(202);
        await().atMost(VISIBLE_WITHIN).untilAsserted(() ->
            assertThat(http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id)).status()).isEqualTo(200));
        assertThat(http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id + "/versions")).status()).isEqualTo(200);
    }

    @Test
    void anEmbargoedStoryAppearsByItselfWhenTheEmbargoPasses() {
        // Given a story embargoed a few seconds into the future
        String id = "workflow-embargo";
        Instant embargo = Instant.now().plusSeconds(6);
        ObjectNode held = story(id, null, "2024-10-21T14:00:00+03:00", "Embargoed results", 3);
        held.put("embargoUntil", embargo.toString());
        push(held);

        // Then while the embargo holds it is neither in the feed nor readable, not even through its version chain
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id)).status()).isEqualTo(404);
            assertThat(http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id + "/versions")).status()).isEqualTo(404);
            assertThat(feedIds(200)).doesNotContain(id);
        });

        // and once it passes the story is there, with no further push
        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> assertThat(feedIds(200)).contains(id));
        assertThat(Instant.now()).isAfterOrEqualTo(embargo);
    }

    @Test
    void liveSubscribersGetAFlashWithItsUrgencyFilter() throws Exception {
        // Given a live subscriber to flash stories only
        List<String> events = new CopyOnWriteArrayList<>();
        var request = HttpRequest.newBuilder(PIPELINE.stack().feedUrl().resolve("/feed/stream?urgency=1")).GET().build();
        var stream = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .thenAccept(response -> response.body().forEach(events::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(line -> line.contains("connected")));

        // When a routine story and then a flash are published
        push(story("workflow-routine", null, "2024-10-21T15:00:00+03:00", "Routine update", 6));
        push(story("workflow-flash", null, "2024-10-21T15:01:00+03:00", "FLASH: explosion reported", 1));

        // Then the subscriber receives the flash as a story event, and not the routine story
        await().atMost(VISIBLE_WITHIN).until(() -> events.stream().anyMatch(line -> line.contains("workflow-flash")));
        assertThat(events).anyMatch(line -> line.equals("event: story"));
        assertThat(events).noneMatch(line -> line.contains("workflow-routine"));
        stream.cancel(true);
    }

    @Test
    void aStoryCanBeReadBackAsNinjs() {
        String id = "workflow-ninjs";
        push(story(id, null, "2024-10-21T16:00:00+03:00", "Lloyd Austin visits Kyiv", 4));
        awaitVisible(id);

        var ninjs = http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id + "?format=ninjs"));
        assertThat(ninjs.status()).isEqualTo(200);
        assertThat(ninjs.contentType()).startsWith("application/ninjs+json");
        assertThat(ninjs.body().get("headlines").get(0).get("value").asText()).isEqualTo("Lloyd Austin visits Kyiv");
        assertThat(ninjs.body().get("pubstatus").asText()).isEqualTo("usable");
        assertThat(ninjs.body().get("people").toString()).contains("Lloyd Austin");
    }

    private List<ConsumerRecord<String, ArticleEnriched>> readLatestState(String id) {
        var topic = Topics.ARTICLES_LATEST_STATE;
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PIPELINE.stack().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "downstream-app-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, ArticleEnriched>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
            topic.valueSerde(Map.of("schema.registry.url", PIPELINE.stack().registryUrl().toString())).deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            await().atMost(VISIBLE_WITHIN).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (id.equals(record.key())) {
                        seen.add(record);
                    }
                });
                return !seen.isEmpty() && seen.get(seen.size() - 1).value() == null;
            });
        }
        return seen;
    }

    private HttpJson.Response push(ObjectNode story) {
        var answer = http.postJson(PIPELINE.stack().ingestUrl().resolve("/articles"), story.toString());
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        return answer;
    }

    private void awaitVisible(String id) {
        await().atMost(VISIBLE_WITHIN).untilAsserted(() ->
            assertThat(http.get(PIPELINE.stack().feedUrl().resolve("/articles/" + id)).status()).isEqualTo(200));
    }

    private JsonNode feedItem(String id) {
        for (JsonNode item : http.get(PIPELINE.stack().feedUrl().resolve("/feed?limit=200")).body().get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("story " + id + " is not in the feed");
    }

    private List<String> feedIds(int limit) {
        List<String> ids = new ArrayList<>();
        http.get(PIPELINE.stack().feedUrl().resolve("/feed?limit=" + limit)).body().get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static ObjectNode story(String id, Integer version, String publishedAt, String headline, int urgency) {
        try {
            ObjectNode story = (ObjectNode) JSON.readTree(SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS));
            story.put("id", id);
            if (version == null) {
                story.remove("version");
            } else {
                story.put("version", version);
            }
            story.put("publishedAt", publishedAt);
            story.put("headline", headline);
            story.put("urgency", urgency);
            story.putArray("labels");
            return story;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
