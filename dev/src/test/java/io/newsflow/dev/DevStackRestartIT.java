package io.newsflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.testkit.FreePorts;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dev stack as a developer runs it, embedded broker included: stopping it and starting it again on the
 * same data directory keeps every story and every schema id.
 */
class DevStackRestartIT {

    private final HttpJson http = new HttpJson();
    private Path dataDirectory;
    private DevStack.Ports ports;
    private DevStack stack;

    @BeforeEach
    void pickDirectoryAndPorts() throws IOException {
        dataDirectory = Files.createTempDirectory("newsflow-restart");
        // Fixed for both runs, as the defaults are for a developer; the controller port lives in the quorum config.
        ports = new DevStack.Ports(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick());
    }

    @AfterEach
    void cleanUp() {
        if (stack != null) {
            stack.close();
        }
        KafkaBrokerExtension.Directories.deleteRecursively(dataDirectory);
    }

    @Test
    void storiesAndSchemaIdsSurviveARestart() {
        // Given a stack that has published and indexed two stories
        stack = DevStack.start(new DevStack.Options(dataDirectory, ports, Optional.empty()));
        String first = push(SampleStories.NORTH_KOREAN_TROOPS);
        String second = push(SampleStories.AUSTIN_TEXAS_TRANSIT);
        awaitInFeed(first);
        awaitInFeed(second);
        int publishedSchemaId = latestSchemaId("articles.published-value");
        int enrichedSchemaId = latestSchemaId("articles.enriched-value");
        JsonNode feedBefore = http.get(stack.feedUrl().resolve("/feed")).body().get("items");
        // and an editor's dictionary entry that enrichment uses
        editDictionary();
        awaitEditedEntry();

        // When it is stopped and started again on the same data directory
        stack.close();
        stack = DevStack.start(new DevStack.Options(dataDirectory, ports, Optional.empty()));

        // Then the feed answers with the same stories without anything being pushed again
        JsonNode feedAfter = http.get(stack.feedUrl().resolve("/feed")).body().get("items");
        assertThat(feedAfter).isEqualTo(feedBefore);
        assertThat(http.get(stack.feedUrl().resolve("/articles/" + first)).status()).isEqualTo(200);

        // and enrichment still uses the editor's entry, which only the restored global store holds
        awaitEditedEntry();

        // and the registry still holds the same ids, which a new push reuses instead of registering anew
        assertThat(latestSchemaId("articles.published-value")).isEqualTo(publishedSchemaId);
        assertThat(latestSchemaId("articles.enriched-value")).isEqualTo(enrichedSchemaId);
        assertThat(http.get(stack.registryUrl().resolve("/schemas/ids/" + publishedSchemaId)).status()).isEqualTo(200);
        String third = push("opinion-kursk-arithmetic.json");
        awaitInFeed(third);
        assertThat(http.get(stack.registryUrl().resolve("/subjects/articles.published-value/versions")).body()).hasSize(1);
    }

    private static final String EDITED_ID = "person:oksana-pryvalova";

    private void editDictionary() {
        String entry = "{\"id\":\"" + EDITED_ID + "\",\"canonical\":\"Oksana Pryvalova\",\"type\":\"PERSON\","
            + "\"aliases\":[\"Oksana Pryvalova\"]}";
        var answer = http.putJson(stack.ingestUrl().resolve("/dictionary/entries/" + EDITED_ID), entry);
        assertThat(answer.status()).isEqualTo(202);
    }

    private void awaitEditedEntry() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var entry = http.get(stack.enrichUrl().resolve("/dictionary/entries/" + EDITED_ID));
            assertThat(entry.status()).isEqualTo(200);
            assertThat(entry.body().get("edited").asBoolean()).isTrue();
        });
    }

    private String push(String sample) {
        var answer = http.postJson(stack.ingestUrl().resolve("/articles"), SampleStories.json(sample));
        assertThat(answer.status()).isEqualTo(202);
        return answer.body().get("id").asText();
    }

    private void awaitInFeed(String id) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(http.get(stack.feedUrl().resolve("/articles/" + id)).status()).isEqualTo(200));
    }

    private int latestSchemaId(String subject) {
        return http.get(stack.registryUrl().resolve("/subjects/" + subject + "/versions/latest")).body().get("id").asInt();
    }
}
