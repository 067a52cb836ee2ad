package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.ingest.auth.ApiKey;
import io.newsflow.ingest.auth.Editor;
import io.newsflow.ingest.editorial.EditorialWriter;
import io.newsflow.ingest.editorial.Outcome;
import io.newsflow.ingest.editorial.PublishReceipt;
import io.newsflow.ingest.editorial.StoryCommand;
import io.newsflow.ingest.http.ArticleSubmission;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.serde.AvroSerde;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The editorial API end to end: one real KRaft broker and registry for the class, an ingest service with
 * authentication off (the dev mode) and a second one with API keys for two desks, driven over HTTP, with
 * what landed on {@code articles.published} read back with a read_committed consumer.
 */
class IngestEditorialIT {

    private static final String TOPIC = "articles.published";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String WORLD_EDITOR = ApiKey.newToken("world-editor");
    private static final String WORLD_PUSHER = ApiKey.newToken("world-pusher");
    private static final String SPORT_EDITOR = ApiKey.newToken("sport-editor");

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.embedded();

    private static final CapturedLogs logs = new CapturedLogs();
    private static SchemaRegistryServer registry;
    /** Authentication off; restarted by one test, so always read the field. */
    private static IngestApp open;
    /** Authentication on, with its own transactional id so the two writers do not fence each other. */
    private static IngestApp secured;
    private static HttpClient http;

    @BeforeAll
    static void startServices() {
        logs.attach();
        registry = SchemaRegistryServer.start(RegistryConfig.forLocal(kafka.bootstrapServers(), 0));
        open = startOpenApp();
        secured = new IngestApp(IngestConfig.load(Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "schema.registry.url", registry.url().toString(),
            "http.host", "127.0.0.1",
            "http.port", "0",
            "ingest.transactional.id", "it-ingest-secured",
            "auth.enabled", "true",
            "auth.keys", String.join(";",
                "world-editor world push,update,kill,reinstate " + ApiKey.hash(WORLD_EDITOR),
                "world-pusher world push " + ApiKey.hash(WORLD_PUSHER),
                "sport-editor sport push,update,kill,reinstate " + ApiKey.hash(SPORT_EDITOR)))));
        secured.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static IngestApp startOpenApp() {
        IngestApp app = new IngestApp(IngestConfig.load(Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "schema.registry.url", registry.url().toString(),
            "http.host", "127.0.0.1",
            "http.port", "0",
            "ingest.transactional.id", "it-ingest-open",
            "auth.enabled", "false")));
        app.start();
        return app;
    }

    @AfterAll
    static void stopServices() {
        for (AutoCloseable service : new AutoCloseable[] {open, secured, registry}) {
            try {
                if (service != null) {
                    service.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
        logs.detach();
    }

    // ---- versions, kill, reinstate -------------------------------------------------------------------------

    @Test
    void anUpdateIsPublishedAsVersionTwoAndAStaleVersionIsAConflict() throws Exception {
        // Given version 1 of a story
        String id = newId();
        HttpResponse<String> v1 = post(open, "/articles", "application/json", story(id, json -> { }), Map.of());
        assertThat(v1.statusCode()).as(v1.body()).isEqualTo(202);

        // When the desk pushes a corrected headline without a version
        HttpResponse<String> v2 = post(open, "/articles", "application/json",
            story(id, json -> json.put("headline", "Corrected: North Korean troops in Ukraine")), Map.of());

        // Then version 2 is published, labelled Updated and kept in version 1's feed slot
        assertThat(v2.statusCode()).as(v2.body()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(v2.body());
        assertThat(receipt.get("id").asText()).isEqualTo(id);
        assertThat(receipt.get("version").asInt()).isEqualTo(2);
        ArticlePublished published = recordOf(receipt).value();
        assertThat(published.getVersion()).isEqualTo(2);
        assertThat(published.getHeadline()).isEqualTo("Corrected: North Korean troops in Ukraine");
        assertThat(published.getLabels()).containsExactly("Exclusive", "Updated");
        assertThat(published.getDisplayAt()).isEqualTo(Instant.parse("2024-10-21T14:56:00Z"));
        assertThat(published.getDesk()).isEqualTo("dev");

        // And when a late version 1 with other content arrives
        Map<TopicPartition, Long> before = endOffsets();
        HttpResponse<String> stale = post(open, "/articles", "application/json",
            story(id, json -> json.put("version", 1).put("headline", "Late v1")), Map.of());

        // Then it is a 409 problem naming the current version, and nothing is published
        assertProblem(stale, 409, "/articles");
        assertThat(JSON.readTree(stale.body()).path("currentVersion").asInt()).isEqualTo(2);
        assertThat(endOffsets()).isEqualTo(before);
    }

    @Test
    void aKilledStoryIsCanceledRefusesPushesAndCanBeReinstated() throws Exception {
        // Given a published story
        String id = newId();
        String body = story(id, json -> { });
        assertThat(post(open, "/articles", "application/json", body, Map.of()).statusCode()).isEqualTo(202);

        // When it is killed
        HttpResponse<String> kill = send(open, "DELETE", "/articles/" + id, null, null, Map.of());

        // Then the kill is accepted and a canceled version 2 is on articles.published
        assertThat(kill.statusCode()).as(kill.body()).isEqualTo(202);
        JsonNode killReceipt = JSON.readTree(kill.body());
        assertThat(killReceipt.get("version").asInt()).isEqualTo(2);
        assertThat(killReceipt.get("pubStatus").asText()).isEqualTo("canceled");
        ConsumerRecord<String, ArticlePublished> canceled = recordOf(killReceipt);
        assertThat(canceled.key()).isEqualTo(id);
        assertThat(canceled.value().getPubStatus()).isEqualTo(PubStatus.canceled);
        assertThat(canceled.value().getVersion()).isEqualTo(2);

        // And a second kill is answered with the same receipt, publishing nothing
        Map<TopicPartition, Long> afterKill = endOffsets();
        HttpResponse<String> killAgain = send(open, "DELETE", "/articles/" + id, null, null, Map.of());
        assertThat(killAgain.statusCode()).isEqualTo(202);
        assertThat(killAgain.body()).isEqualTo(kill.body());

        // And a push of the killed story is a 409 saying it is killed, publishing nothing
        HttpResponse<String> push = post(open, "/articles", "application/json", body, Map.of());
        assertProblem(push, 409, "/articles");
        assertThat(JSON.readTree(push.body()).path("storyStatus").asText()).isEqualTo("killed");
        assertThat(push.body().split("\"status\"", -1)).as("one RFC 9457 status member: %s", push.body()).hasSize(2);
        assertThat(endOffsets()).isEqualTo(afterKill);

        // When an editor reinstates it
        HttpResponse<String> reinstate = post(open, "/articles/" + id + "/reinstate", null, null, Map.of());

        // Then version 3 is published, usable again with the last live content
        assertThat(reinstate.statusCode()).as(reinstate.body()).isEqualTo(202);
        JsonNode reinstated = JSON.readTree(reinstate.body());
        assertThat(reinstated.get("version").asInt()).isEqualTo(3);
        assertThat(reinstated.get("pubStatus").asText()).isEqualTo("usable");
        ArticlePublished restored = recordOf(reinstated).value();
        assertThat(restored.getPubStatus()).isEqualTo(PubStatus.usable);
        assertThat(restored.getHeadline()).isEqualTo("No doubt that North Korean troops are in Ukraine - political strategist");
        assertThat(restored.getLabels()).contains("Updated");
    }

    // ---- idempotency ---------------------------------------------------------------------------------------

    @Test
    void aRetryWithItsIdempotencyKeyAfterARestartGetsTheSameAnswerAndPublishesNothing() throws Exception {
        // Given a story without an id pushed with an Idempotency-Key
        String key = "retry-" + UUID.randomUUID();
        String body = sample(json -> json.remove("id"));
        HttpResponse<String> first = post(open, "/articles", "application/json", body, Map.of("Idempotency-Key", key));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String expectedId = UUID.nameUUIDFromBytes(("dev\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(JSON.readTree(first.body()).get("id").asText()).isEqualTo(expectedId);
        Map<TopicPartition, Long> before = endOffsets();

        // When the service restarts and the client retries with the same key
        open.close();
        open = startOpenApp();
        HttpResponse<String> retry = post(open, "/articles", "application/json", body, Map.of("Idempotency-Key", key));

        // Then the answer is byte for byte the first one, and nothing was published
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(endOffsets()).isEqualTo(before);

        // And the same key for different content is a 422, publishing nothing
        HttpResponse<String> reused = post(open, "/articles", "application/json",
            sample(json -> json.remove("id")).replace("No doubt", "Some doubt"), Map.of("Idempotency-Key", key));
        assertProblem(reused, 422, "/articles");
        assertThat(JSON.readTree(reused.body()).path("detail").asText()).contains(key);
        assertThat(endOffsets()).isEqualTo(before);
    }

    @Test
    void theSameContentPushedTwiceWithoutAKeyGetsTheSameReceipt() throws Exception {
        // Given a published story
        String body = story(newId(), json -> { });
        HttpResponse<String> first = post(open, "/articles", "application/json", body, Map.of());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        Map<TopicPartition, Long> before = endOffsets();

        // When exactly the same story is pushed again
        HttpResponse<String> again = post(open, "/articles", "application/json", body, Map.of());

        // Then it is answered with the original receipt and nothing is published
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(endOffsets()).isEqualTo(before);
    }

    @Test
    void versionsOfOneStoryWrittenInOneTransactionAreAllReplayableByKey() throws Exception {
        // Given a story writer of its own, with two versions of a story queued before it starts (so both are
        // decided in the same transaction)
        Map<String, String> config = Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "schema.registry.url", registry.url().toString(),
            "ingest.transactional.id", "it-writer-" + UUID.randomUUID());
        String id = newId();
        ArticleValidator validator = new ArticleValidator(Clock.systemUTC());
        StoryCommand v1 = new StoryCommand.Publish(validator.draft(submission(story(id, json -> { }))), Editor.UNAUTHENTICATED_DEV, "w-1");
        StoryCommand v2 = new StoryCommand.Publish(validator.draft(submission(story(id, json -> json.put("headline", "v2")))),
            Editor.UNAUTHENTICATED_DEV, "w-2");
        PublishReceipt first;
        PublishReceipt second;
        try (EditorialWriter writer = new EditorialWriter(IngestConfig.load(config), Clock.systemUTC())) {
            CompletableFuture<Outcome> one = writer.submit(v1);
            CompletableFuture<Outcome> two = writer.submit(v2);
            writer.start();
            first = ((Outcome.Published) one.get(20, TimeUnit.SECONDS)).receipt();
            second = ((Outcome.Published) two.get(20, TimeUnit.SECONDS)).receipt();
            assertThat(first.version()).isEqualTo(1);
            assertThat(second.version()).isEqualTo(2);
            assertThat(first.offset()).isNotNegative();

            // When version 1 is retried with its key
            Outcome retry = writer.submit(v1).get(20, TimeUnit.SECONDS);

            // Then it is answered with version 1's real coordinates
            assertThat(retry).isEqualTo(new Outcome.Replayed(first));
        }

        // And so it is by a writer that rebuilt its ledger from ingest.ledger
        try (EditorialWriter restarted = new EditorialWriter(IngestConfig.load(config), Clock.systemUTC())) {
            restarted.start();
            assertThat(restarted.submit(v1).get(20, TimeUnit.SECONDS)).isEqualTo(new Outcome.Replayed(first));
            assertThat(restarted.submit(v2).get(20, TimeUnit.SECONDS)).isEqualTo(new Outcome.Replayed(second));
        }
    }

    // ---- formats -------------------------------------------------------------------------------------------

    @Test
    void aNinjsUpdateWithoutAVersionIsPublishedAsTheNextVersion() throws Exception {
        // Given a ninjs story pushed without a version (ninjs makes it optional)
        ObjectNode first = (ObjectNode) JSON.readTree(resource("/ninjs/story-2.1-plain.json"));
        first.remove("version");
        first.put("uri", "urn:newsml:ukraine-ledger.example:20241021:" + newId());
        HttpResponse<String> created = post(open, "/articles", "application/ninjs+json", first.toString(), Map.of());

        // When the desk pushes a corrected headline, again without a version
        ObjectNode corrected = first.deepCopy();
        corrected.putArray("headlines").addObject().put("role", "main").put("value", "NATO pledges more air defence, corrected");
        HttpResponse<String> updated = post(open, "/articles", "application/ninjs+json", corrected.toString(), Map.of());

        // Then the first is version 1 and the correction version 2, as for native JSON
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(202);
        assertThat(recordOf(JSON.readTree(created.body())).value().getVersion()).isEqualTo(1);
        assertThat(recordOf(JSON.readTree(updated.body())).value().getVersion()).isEqualTo(2);
    }

    @Test
    void acceptsNativeJsonNinjsAndRawPages() throws Exception {
        // Given one story in each format
        String id = newId();
        String ninjs = resource("/ninjs/story-2.1-plain.json");
        String page = resource("/rawpages/two-labels.txt");

        // When each is posted with its Content-Type
        HttpResponse<String> nativeJson = post(open, "/articles", "application/json", story(id, json -> { }), Map.of());
        HttpResponse<String> ninjsJson = post(open, "/articles", "application/ninjs+json", ninjs, Map.of());
        HttpResponse<String> rawPage = post(open, "/articles", "text/plain; charset=utf-8", page, Map.of());

        // Then each is accepted and published with its headline, source and publication time
        SoftAssertions softly = new SoftAssertions();
        for (var answer : List.of(nativeJson, ninjsJson, rawPage)) {
            softly.assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        }
        softly.assertAll();
        ArticlePublished fromJson = recordOf(JSON.readTree(nativeJson.body())).value();
        assertThat(fromJson.getId()).isEqualTo(id);
        assertThat(fromJson.getHeadline()).isEqualTo("No doubt that North Korean troops are in Ukraine - political strategist");
        assertThat(fromJson.getSource()).isEqualTo("ukraine-ledger");
        assertThat(fromJson.getPublishedAt()).isEqualTo(Instant.parse("2024-10-21T14:56:00Z"));

        ArticlePublished fromNinjs = recordOf(JSON.readTree(ninjsJson.body())).value();
        assertThat(fromNinjs.getId()).isEqualTo("urn:newsml:ukraine-ledger.example:20241021:nato-air-defence");
        assertThat(fromNinjs.getVersion()).isEqualTo(3);
        assertThat(fromNinjs.getHeadline()).isEqualTo("NATO pledges more air defence for Ukraine");
        assertThat(fromNinjs.getSource()).isEqualTo("ukraine-ledger");
        assertThat(fromNinjs.getLanguage()).isEqualTo("en-GB");
        assertThat(fromNinjs.getPublishedAt()).isEqualTo(Instant.parse("2024-10-21T08:45:30Z"));
        assertThat(fromNinjs.getEmbargoUntil()).isEqualTo(Instant.parse("2024-10-21T09:00:00Z"));

        ArticlePublished fromPage = recordOf(JSON.readTree(rawPage.body())).value();
        assertThat(fromPage.getHeadline()).isEqualTo("Volunteers rebuild a village school in Kharkiv region before the winter term");
        assertThat(fromPage.getSource()).isEqualTo("dnipro-dispatch-world");
        assertThat(fromPage.getPublishedAt()).isEqualTo(Instant.parse("2024-10-21T14:56:00Z"));
        assertThat(fromPage.getLabels()).containsExactly("Exclusive", "OPINION");
    }

    @Test
    void aBatchAnswersEveryLineAndPublishesOnlyTheGoodOnes() throws Exception {
        // Given a batch of a good story, one without a headline, and another good story
        String good1 = story(newId(), json -> json.put("headline", "Batch story one"));
        String bad = story(newId(), json -> json.remove("headline"));
        String good2 = story(newId(), json -> json.put("headline", "Batch story two"));
        Map<TopicPartition, Long> before = endOffsets();

        // When it is posted as NDJSON
        HttpResponse<String> response = post(open, "/articles:batch", "application/x-ndjson",
            String.join("\n", good1, bad, good2) + "\n", Map.of());

        // Then every line is answered in order: 202 with a receipt, 422 with a problem naming the field, 202
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        List<JsonNode> lines = response.body().lines().map(IngestEditorialIT::readTree).toList();
        assertThat(lines).extracting(line -> line.path("line").asInt()).containsExactly(1, 2, 3);
        assertThat(lines).extracting(line -> line.path("status").asInt()).containsExactly(202, 422, 202);
        assertThat(lines.get(0).path("receipt").path("version").asInt()).isEqualTo(1);
        assertThat(lines.get(1).path("problem").path("errors").findValuesAsText("field")).contains("headline");
        assertThat(lines.get(1).has("receipt")).isFalse();

        // And exactly the two good stories were published
        assertThat(publishedSince(before)).extracting(ArticlePublished::getHeadline)
            .containsExactlyInAnyOrder("Batch story one", "Batch story two");
    }

    @Test
    void aStorysLaterLinesAreHeldBackOnceOneOfItsLinesIsRefused() throws Exception {
        // Given a batch whose first line creates a story but has no headline, the second updates that story,
        // and the third is another story
        String id = newId();
        String create = story(id, json -> json.remove("headline"));
        String update = story(id, json -> json.put("headline", "The update after a refused create"));
        String other = story(newId(), json -> json.put("headline", "Another story in the batch"));
        Map<TopicPartition, Long> before = endOffsets();

        // When it is posted
        HttpResponse<String> response = post(open, "/articles:batch", "application/x-ndjson",
            String.join("\n", create, update, other) + "\n", Map.of());

        // Then the update is held back with 424, naming the refused line, and only the other story is published
        List<JsonNode> lines = response.body().lines().map(IngestEditorialIT::readTree).toList();
        assertThat(lines).extracting(line -> line.path("status").asInt()).containsExactly(422, 424, 202);
        assertThat(lines.get(1).path("problem").path("detail").asText()).contains("Line 1").contains(id);
        assertThat(publishedSince(before)).extracting(ArticlePublished::getHeadline)
            .containsExactly("Another story in the batch");

        // and the corrected lines sent again in order become versions 1 and 2
        HttpResponse<String> again = post(open, "/articles:batch", "application/x-ndjson",
            String.join("\n", story(id, json -> json.put("headline", "The create, corrected")), update) + "\n", Map.of());
        assertThat(again.body().lines().map(IngestEditorialIT::readTree).toList())
            .extracting(line -> line.path("receipt").path("version").asInt()).containsExactly(1, 2);
    }

    // ---- validation ----------------------------------------------------------------------------------------

    @Test
    void refusesInvalidStoriesWithProblemDetailsAndPublishesNothing() throws Exception {
        // Given the topic's end offsets and one request breaking each rule
        Map<TopicPartition, Long> before = endOffsets();
        String future = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] invalidUtf8 = story(newId(), json -> json.put("headline", "caf\u00e9")).getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = new String(invalidUtf8, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
        List<Bad> cases = List.of(
            new Bad("missing headline", "application/json", story(newId(), json -> json.remove("headline")), 422, "headline"),
            new Bad("empty headline", "application/json", story(newId(), json -> json.put("headline", "  ")), 422, "headline"),
            new Bad("unknown language", "application/json", story(newId(), json -> json.put("language", "qq-YY")), 422, "language"),
            new Bad("published before 1900", "application/json",
                story(newId(), json -> json.put("publishedAt", "1899-12-31T23:00:00Z")), 422, "publishedAt"),
            new Bad("published three days ahead", "application/json",
                story(newId(), json -> json.put("publishedAt", future)), 422, "publishedAt"),
            new Bad("urgency 0", "application/json", story(newId(), json -> json.put("urgency", 0)), 422, "urgency"),
            new Bad("urgency 10", "application/json", story(newId(), json -> json.put("urgency", 10)), 422, "urgency"),
            new Bad("unknown field", "application/json", story(newId(), json -> json.put("deskNote", "x")), 422, "deskNote"),
            new Bad("Latin-1 bytes", "application/json", latin1, 400, null),
            new Bad("body over 1 MiB", "application/json", story(newId(), json -> json.put("body", "x".repeat(1_100_000))), 413, null),
            new Bad("XML", "application/xml", "<story/>", 415, null));

        // When each is posted
        SoftAssertions softly = new SoftAssertions();
        for (Bad bad : cases) {
            HttpResponse<String> response = send(open, "POST", "/articles", bad.contentType(), bad.body(), Map.of());

            // Then it is answered with its status as a problem, naming the field where there is one
            softly.assertThat(response.statusCode()).as("%s: %s", bad.name(), response.body()).isEqualTo(bad.status());
            softly.assertThat(response.headers().firstValue("Content-Type")).as(bad.name())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = readTree(response.body());
            softly.assertThat(problem.path("status").asInt()).as(bad.name()).isEqualTo(bad.status());
            softly.assertThat(problem.path("detail").asText()).as(bad.name()).isNotBlank();
            if (bad.field() != null) {
                softly.assertThat(problem.path("errors").findValuesAsText("field")).as(bad.name()).contains(bad.field());
            }
        }
        softly.assertAll();

        // And nothing was published
        assertThat(endOffsets()).isEqualTo(before);

        // And a story dated ahead is accepted when an embargo covers it
        HttpResponse<String> embargoed = post(open, "/articles", "application/json",
            story(newId(), json -> json.put("publishedAt", future).put("embargoUntil", future)), Map.of());
        assertThat(embargoed.statusCode()).as(embargoed.body()).isEqualTo(202);
    }

    // ---- authentication and desks --------------------------------------------------------------------------

    @Test
    void withAuthOnAKeyIsRequiredAndMustBeValid() throws Exception {
        // Given the secured service and a story
        Map<TopicPartition, Long> before = endOffsets();
        String body = story(newId(), json -> { });
        String forged = ApiKey.newToken("world-editor");

        // When it is pushed without a key, with a forged key of a real key id, and with a malformed key
        List<HttpResponse<String>> refused = List.of(
            post(secured, "/articles", "application/json", body, Map.of()),
            post(secured, "/articles", "application/json", body, Map.of("Authorization", "Bearer " + forged)),
            post(secured, "/articles", "application/json", body, Map.of("X-API-Key", "not-a-key")));

        // Then each is a 401 problem with a Bearer challenge, and nothing is published
        for (HttpResponse<String> response : refused) {
            assertProblem(response, 401, "/articles");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(response.body()).doesNotContain(forged);
        }
        assertThat(endOffsets()).isEqualTo(before);

        // And with the desk's key, as a Bearer token or as X-API-Key, stories are accepted
        HttpResponse<String> bearer = post(secured, "/articles", "application/json", body, bearer(WORLD_EDITOR));
        HttpResponse<String> apiKey = post(secured, "/articles", "application/json", story(newId(), json -> { }),
            Map.of("X-API-Key", WORLD_PUSHER));
        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(202);
        assertThat(apiKey.statusCode()).as(apiKey.body()).isEqualTo(202);
        assertThat(recordOf(JSON.readTree(bearer.body())).value().getDesk()).isEqualTo("world");
    }

    @Test
    void anotherDesksStoryCannotBeTouchedAndLooksLikeAMissingOne() throws Exception {
        // Given a story of the world desk, killed by its editor with an Idempotency-Key
        String id = newId();
        assertThat(post(secured, "/articles", "application/json", story(id, json -> { }), bearer(WORLD_EDITOR)).statusCode())
            .isEqualTo(202);
        Map<TopicPartition, Long> before = endOffsets();
        String missing = newId();

        // When the sport desk kills it, kills a story that does not exist, and replays the world desk's key
        HttpResponse<String> killOther = send(secured, "DELETE", "/articles/" + id, null, null, bearer(SPORT_EDITOR));
        HttpResponse<String> killMissing = send(secured, "DELETE", "/articles/" + missing, null, null, bearer(SPORT_EDITOR));
        HttpResponse<String> reinstateOther = post(secured, "/articles/" + id + "/reinstate", null, null, bearer(SPORT_EDITOR));
        HttpResponse<String> update = post(secured, "/articles", "application/json",
            story(id, json -> json.put("headline", "Hijacked")), bearer(SPORT_EDITOR));

        // Then all are 403, and the other desk's story and the missing one get the same detail but for the id
        assertProblem(killOther, 403, "/articles/" + id);
        assertProblem(killMissing, 403, "/articles/" + missing);
        assertProblem(reinstateOther, 403, "/articles/" + id + "/reinstate");
        assertProblem(update, 403, "/articles");
        String otherDetail = JSON.readTree(killOther.body()).path("detail").asText();
        String missingDetail = JSON.readTree(killMissing.body()).path("detail").asText();
        assertThat(otherDetail.replace(id, "{id}")).isEqualTo(missingDetail.replace(missing, "{id}"));
        assertThat(JSON.readTree(killOther.body()).path("title").asText())
            .isEqualTo(JSON.readTree(killMissing.body()).path("title").asText());
        assertThat(endOffsets()).isEqualTo(before);

        // And when the world desk kills it with a key, the sport desk cannot replay that key to learn of it
        HttpResponse<String> worldKill = send(secured, "DELETE", "/articles/" + id, null, null,
            with(bearer(WORLD_EDITOR), "Idempotency-Key", "kill-" + id));
        assertThat(worldKill.statusCode()).as(worldKill.body()).isEqualTo(202);
        HttpResponse<String> sportReplay = send(secured, "DELETE", "/articles/" + id, null, null,
            with(bearer(SPORT_EDITOR), "Idempotency-Key", "kill-" + id));
        assertProblem(sportReplay, 403, "/articles/" + id);
        assertThat(sportReplay.body()).doesNotContain("\"offset\"");
    }

    @Test
    void aKeyWithoutTheRoleIsForbiddenAndTheRightKeySucceeds() throws Exception {
        // Given a world story pushed by a key that may only push
        String id = newId();
        assertThat(post(secured, "/articles", "application/json", story(id, json -> { }), bearer(WORLD_PUSHER)).statusCode())
            .isEqualTo(202);
        Map<TopicPartition, Long> before = endOffsets();

        // When that key updates and kills the story
        HttpResponse<String> update = post(secured, "/articles", "application/json",
            story(id, json -> json.put("headline", "v2")), bearer(WORLD_PUSHER));
        HttpResponse<String> kill = send(secured, "DELETE", "/articles/" + id, null, null, bearer(WORLD_PUSHER));

        // Then both are 403 naming the missing role, and nothing is published
        assertProblem(update, 403, "/articles");
        assertThat(JSON.readTree(update.body()).path("detail").asText()).contains("'update'");
        assertProblem(kill, 403, "/articles/" + id);
        assertThat(JSON.readTree(kill.body()).path("detail").asText()).contains("'kill'");
        assertThat(endOffsets()).isEqualTo(before);

        // And the desk's editor, who has the role, kills it
        HttpResponse<String> editorKill = send(secured, "DELETE", "/articles/" + id, null, null, bearer(WORLD_EDITOR));
        assertThat(editorKill.statusCode()).as(editorKill.body()).isEqualTo(202);
        assertThat(JSON.readTree(editorKill.body()).path("pubStatus").asText()).isEqualTo("canceled");
    }

    @Test
    void withAuthOffAKeylessPushIsAccepted() throws Exception {
        // Given the service with authentication off

        // When a story is pushed without any key
        HttpResponse<String> response = post(open, "/articles", "application/json", story(newId(), json -> { }), Map.of());

        // Then it is accepted for the dev desk
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(recordOf(JSON.readTree(response.body())).value().getDesk()).isEqualTo("dev");
    }

    @Test
    void keysNeverReachTheLogs() throws Exception {
        // Given requests made with every key, valid and forged
        String forged = ApiKey.newToken("sport-editor");
        post(secured, "/articles", "application/json", story(newId(), json -> { }), bearer(WORLD_EDITOR));
        post(secured, "/articles", "application/json", story(newId(), json -> { }), bearer(forged));
        send(secured, "DELETE", "/articles/" + newId(), null, null, bearer(SPORT_EDITOR));

        // When the logs are read
        List<String> lines = List.copyOf(logs.lines);

        // Then the service did log (key ids at least), but never a token or a secret
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("world-editor"));
        for (String token : List.of(WORLD_EDITOR, WORLD_PUSHER, SPORT_EDITOR, forged)) {
            // The secret may itself contain '_' (base64url), so cut after the fixed "nfk_<keyId>_" prefix.
            String keyId = ApiKey.keyIdOf(token).orElseThrow();
            String secret = token.substring(("nfk_" + keyId + "_").length());
            assertThat(lines).noneSatisfy(line -> assertThat(line).contains(secret));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private record Bad(String name, String contentType, Object body, int status, String field) {
    }

    private static String newId() {
        return "it-" + UUID.randomUUID();
    }

    /** The sample story under {@code id}, without its {@code "version": 1} so the ledger picks the version. */
    private static String story(String id, Consumer<ObjectNode> edit) throws IOException {
        return sample(json -> {
            json.put("id", id);
            json.remove("version");
            edit.accept(json);
        });
    }

    private static String sample(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS));
        edit.accept(json);
        return JSON.writeValueAsString(json);
    }

    private static ArticleSubmission submission(String json) throws IOException {
        return Json.mapper().readValue(json, ArticleSubmission.class);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = IngestEditorialIT.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return all;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String instance) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("instance").asText()).isEqualTo(instance);
        assertThat(response.body()).doesNotContain("at io.").doesNotContain("Exception");
    }

    private static HttpResponse<String> post(IngestApp app, String path, String contentType, String body, Map<String, String> headers)
        throws IOException, InterruptedException {
        return send(app, "POST", path, contentType, body, headers);
    }

    private static HttpResponse<String> send(IngestApp app, String method, String path, String contentType, Object body,
                                             Map<String, String> headers) throws IOException, InterruptedException {
        byte[] bytes = body == null ? new byte[0] : body instanceof byte[] raw ? raw : body.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, bytes.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(bytes));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** The record a receipt points at, read with the Avro serde through the registry. */
    private static ConsumerRecord<String, ArticlePublished> recordOf(JsonNode receipt) {
        TopicPartition partition = new TopicPartition(TOPIC, receipt.get("partition").asInt());
        long offset = receipt.get("offset").asLong();
        try (var serde = AvroSerde.forValues(ArticlePublished.class, Map.of("schema.registry.url", registry.url().toString()));
             var consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(), serde.deserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            List<ConsumerRecord<String, ArticlePublished>> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).records(partition).forEach(read::add);
                return !read.isEmpty();
            });
            assertThat(read.get(0).offset()).isEqualTo(offset);
            return read.get(0);
        }
    }

    /** Every committed story record from {@code from} up to the current end offsets. */
    private static List<ArticlePublished> publishedSince(Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> to = endOffsets();
        try (var serde = AvroSerde.forValues(ArticlePublished.class, Map.of("schema.registry.url", registry.url().toString()));
             var consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(), serde.deserializer())) {
            consumer.assign(to.keySet());
            from.forEach(consumer::seek);
            List<ArticlePublished> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (record.offset() < to.get(new TopicPartition(record.topic(), record.partition()))) {
                        read.add(record.value());
                    }
                });
                return to.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
            return read;
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

    /** Everything logged while the class runs, formatted, to check that no key is ever written out. */
    private static final class CapturedLogs extends AbstractAppender {

        final Queue<String> lines = new ConcurrentLinkedQueue<>();

        CapturedLogs() {
            super("captured-logs", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
                + (event.getThrown() == null ? "" : " " + event.getThrown()));
        }

        void attach() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            start();
            context.getConfiguration().addAppender(this);
            context.getConfiguration().getRootLogger().addAppender(this, Level.ALL, null);
            context.updateLoggers();
        }

        void detach() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender(getName());
            context.updateLoggers();
            stop();
        }
    }
}
