package io.newsflow.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.dev.DevStack;
import io.newsflow.testkit.SampleStories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsflow dictionary} against the whole pipeline running in this JVM on the embedded broker. */
class DictionaryCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    static Path temp;

    private static DevStack stack;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPipeline() {
        stack = DevStack.start(new DevStack.Options(temp.resolve("data"), DevStack.Ports.random(), Optional.empty()));
    }

    @AfterAll
    static void stopPipeline() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anEditorAddsAPersonNewStoriesLinkHerAndDeletingTakesHerOut() throws Exception {
        // Given a story about a person the dictionary does not know
        String before = publish("cli-dictionary-before", "Analyst Halyna Derkach says the front line is holding.");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(entityIds(before)).contains("person:unlisted:halyna-derkach"));

        // When an editor puts her entry from a file, asking to re-enrich the last day
        Path entry = Files.writeString(temp.resolve("derkach.json"), "{\"id\":\"person:halyna-derkach\","
            + "\"canonical\":\"Halyna Derkach\",\"type\":\"PERSON\",\"aliases\":[\"Halyna Derkach\"],"
            + "\"localAliases\":{\"uk\":[\"Галина Деркач\"]}}");
        CliRun put = CliRun.of("dictionary", "put", entry.toString(), "--replay-hours", "24", "--ingest-url", stack.ingestUrl().toString());

        // Then ingest-service took it: the receipt names the entity, the change and the replay
        assertThat(put.exitCode()).as(put.toString()).isZero();
        JsonNode receipt = JSON.readTree(put.out());
        assertThat(receipt.get("entityId").asText()).isEqualTo("person:halyna-derkach");
        assertThat(receipt.get("change").asText()).isEqualTo("upsert");
        assertThat(receipt.get("replayHours").asInt()).isEqualTo(24);

        // and within seconds enrich-service links with it, which 'get' shows
        await().atMost(WITHIN).untilAsserted(() -> assertThat(get("person:halyna-derkach").exitCode()).isZero());
        JsonNode live = JSON.readTree(get("person:halyna-derkach").out());
        assertThat(live.get("entry").get("canonical").asText()).isEqualTo("Halyna Derkach");
        assertThat(live.get("edited").asBoolean()).isTrue();
        CliRun status = CliRun.of("dictionary", "status", "--enrich-url", stack.enrichUrl().toString());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(JSON.readTree(status.out()).get("edited").asInt()).isPositive();

        // and a new story links her, and the replay moved the old one over to her
        String after = publish("cli-dictionary-after", "Halyna Derkach expects a quiet week.");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(entityIds(after)).contains("person:halyna-derkach"));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(entityIds(before)).contains("person:halyna-derkach"));

        // When the editor deletes her
        CliRun delete = CliRun.of("dictionary", "delete", "person:halyna-derkach", "--ingest-url", stack.ingestUrl().toString());
        assertThat(delete.exitCode()).as(delete.toString()).isZero();
        assertThat(JSON.readTree(delete.out()).get("change").asText()).isEqualTo("removal");

        // Then 'get' soon finds nothing: exit 1 with the service's reason
        await().atMost(WITHIN).untilAsserted(() -> assertThat(get("person:halyna-derkach").exitCode()).isEqualTo(1));
        assertThat(get("person:halyna-derkach").err()).contains("404").contains("No entity 'person:halyna-derkach'");
        // and new stories no longer link her
        String later = publish("cli-dictionary-later", "Halyna Derkach was not reached for comment.");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(entityIds(later)).isNotEmpty()
            .doesNotContain("person:halyna-derkach"));
    }

    @Test
    void aChangedShippedEntryCanBeRestored() throws Exception {
        // Given the entry shipped for Kursk Oblast
        CliRun shipped = get("place:kursk-oblast");
        assertThat(shipped.exitCode()).as(shipped.toString()).isZero();
        assertThat(JSON.readTree(shipped.out()).get("edited").asBoolean()).isFalse();

        // When an editor changes it (one more alias), it is live and marked edited
        ObjectNode changed = (ObjectNode) JSON.readTree(shipped.out()).get("entry");
        changed.withArray("aliases").add("Kursk Governorate");
        Path file = Files.writeString(temp.resolve("kursk-oblast.json"), changed.toString());
        assertThat(CliRun.of("dictionary", "put", file.toString(), "--ingest-url", stack.ingestUrl().toString()).exitCode()).isZero();
        await().atMost(WITHIN).untilAsserted(() -> assertThat(JSON.readTree(get("place:kursk-oblast").out()).get("edited").asBoolean()).isTrue());
        assertThat(JSON.readTree(get("place:kursk-oblast").out()).get("entry").get("aliases").toString()).contains("Kursk Governorate");

        // Then 'delete --restore' forgets the edit: the shipped entry applies again, not a removal
        CliRun restore = CliRun.of("dictionary", "delete", "place:kursk-oblast", "--restore", "--ingest-url", stack.ingestUrl().toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(JSON.readTree(restore.out()).get("change").asText()).isEqualTo("restore");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(JSON.readTree(get("place:kursk-oblast").out()).get("edited").asBoolean()).isFalse());
        assertThat(JSON.readTree(get("place:kursk-oblast").out()).get("entry").get("aliases").toString()).doesNotContain("Kursk Governorate");
    }

    @Test
    void aBadEntryIsRefusedWithTheReasonAndNothingChanges() throws Exception {
        // not JSON at all: a usage error before anything is sent
        Path notJson = Files.writeString(temp.resolve("not.json"), "id: person:x");
        CliRun unreadable = CliRun.of("dictionary", "put", notJson.toString(), "--ingest-url", stack.ingestUrl().toString());
        assertThat(unreadable.exitCode()).isEqualTo(2);
        assertThat(unreadable.err()).contains("is not JSON");

        // JSON that ingest-service refuses (no type, no aliases): exit 1 with the problem's detail
        Path incomplete = Files.writeString(temp.resolve("incomplete.json"), "{\"id\":\"person:nobody-at-all\",\"canonical\":\"Nobody\"}");
        CliRun refused = CliRun.of("dictionary", "put", incomplete.toString(), "--ingest-url", stack.ingestUrl().toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("422").contains("Not a dictionary entry");
        assertThat(get("person:nobody-at-all").exitCode()).isEqualTo(1);

        // well-formed but naming a container that does not exist: taken (202), then rejected by enrich-service,
        // which 'get' and 'status' report with the reason
        Path dangling = Files.writeString(temp.resolve("dangling.json"), "{\"id\":\"place:nowhere-town\","
            + "\"canonical\":\"Nowhere Town\",\"type\":\"PLACE\",\"aliases\":[\"Nowhere Town\"],\"partOf\":\"place:atlantis\"}");
        CliRun taken = CliRun.of("dictionary", "put", dangling.toString(), "--ingest-url", stack.ingestUrl().toString());
        assertThat(taken.exitCode()).as(taken.toString()).isZero();
        await().atMost(WITHIN).untilAsserted(() -> assertThat(get("place:nowhere-town").err())
            .contains("409").contains("was rejected").contains("place:atlantis"));
        CliRun status = CliRun.of("dictionary", "status", "--enrich-url", stack.enrichUrl().toString());
        assertThat(JSON.readTree(status.out()).get("rejected").has("place:nowhere-town")).isTrue();

        // a service that is not there: exit 2, saying which
        CliRun unreachable = CliRun.of("dictionary", "status", "--enrich-url", "http://127.0.0.1:1");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err()).contains("cannot reach enrich-service");
    }

    private CliRun get(String id) {
        return CliRun.of("dictionary", "get", id, "--enrich-url", stack.enrichUrl().toString());
    }

    private String publish(String id, String firstParagraph) throws IOException, InterruptedException {
        ObjectNode story = (ObjectNode) JSON.readTree(SampleStories.json(SampleStories.AUSTIN_TEXAS_TRANSIT));
        story.put("id", id);
        story.put("body", firstParagraph + "\n\n" + story.get("body").asText());
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/articles"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(story.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return id;
    }

    /** The entity ids feed-service serves for a story; empty until the story is there. */
    private List<String> entityIds(String id) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.feedUrl() + "/articles/" + id)).build(),
            HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        if (answer.statusCode() == 200) {
            JSON.readTree(answer.body()).get("entities").forEach(entity -> ids.add(entity.get("id").asText()));
        }
        return ids;
    }
}
