package io.newsflow.dev;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.feed.FeedApp;
import io.newsflow.feed.FeedConfig;
import io.newsflow.feed.store.FeedQueries;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three feed-service instances share the feed partitions. Any instance answers any query completely, by
 * gathering pages from the others; when one stops, the others take over its partitions and still answer
 * completely once the rebalance settles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedScaleOutIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STORIES = 1_000;
    private static final int SCAN_BUDGET = 60;

    private final HttpClient http = HttpClient.newHttpClient();
    private Path dataDirectory;
    private DevStack stack;
    private final List<FeedApp> extraFeeds = new ArrayList<>();

    @BeforeAll
    void startThreeFeedInstances() throws IOException {
        dataDirectory = Files.createTempDirectory("newsflow-scale-out");
        // A small scan budget, so that combined filters end pages early on every instance (read when each starts)
        System.setProperty(FeedQueries.SCAN_BUDGET_CONFIG, String.valueOf(SCAN_BUDGET));
        try {
            stack = DevStack.start(new DevStack.Options(dataDirectory, DevStack.Ports.random(), Optional.of(KAFKA.bootstrapServers()), false));
            for (int i = 1; i <= 2; i++) {
                FeedApp feed = new FeedApp(FeedConfig.load(Map.of(
                    "bootstrap.servers", KAFKA.bootstrapServers(),
                    "schema.registry.url", stack.registryUrl().toString(),
                    "http.port", "0",
                    "state.dir", dataDirectory.resolve("feed-" + i).toString())));
                feed.start();
                extraFeeds.add(feed);
            }
        } finally {
            System.clearProperty(FeedQueries.SCAN_BUDGET_CONFIG);
        }
    }

    @AfterAll
    void stopEverything() {
        extraFeeds.forEach(FeedApp::close);
        if (stack != null) {
            stack.close();
        }
        KafkaBrokerExtension.Directories.deleteRecursively(dataDirectory);
    }

    @Test
    void everyInstanceServesTheSamePagesAndTheSurvivorsCarryOn() throws Exception {
        // Given 1,000 stories pushed in one batch
        StringBuilder batch = new StringBuilder();
        Instant start = Instant.parse("2024-10-21T00:00:00Z");
        for (int i = 0; i < STORIES; i++) {
            batch.append(JSON.writeValueAsString(Map.of(
                "id", "scale-" + i, "source", "scale-test", "language", i % 10 == 3 ? "uk" : "en",
                "headline", "Story number " + i + " from Kyiv", "body", "A short report from Kyiv about NATO, number " + i + ".",
                "publishedAt", start.plusSeconds(60L * i).toString()))).append('\n');
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/articles:batch"))
            .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body().lines().filter(line -> line.contains("\"status\":202")).count()).isEqualTo(STORIES);

        List<URI> feeds = new ArrayList<>(List.of(stack.feedUrl()));
        extraFeeds.forEach(feed -> feeds.add(URI.create("http://127.0.0.1:" + feed.httpPort())));

        // Then every instance returns the same complete, newest-first pages
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<List<String>> pagesPerInstance = new ArrayList<>();
            for (URI feed : feeds) {
                pagesPerInstance.add(allIds(feed));
            }
            assertThat(pagesPerInstance.get(0)).hasSize(STORIES);
            assertThat(pagesPerInstance).allSatisfy(ids -> assertThat(ids).isEqualTo(pagesPerInstance.get(0)));
        });
        List<String> ids = allIds(feeds.get(1));
        assertThat(ids.get(0)).isEqualTo("scale-" + (STORIES - 1));
        assertThat(ids.get(STORIES - 1)).isEqualTo("scale-0");

        // and a story lookup on any instance reaches the story's owner, and says the answer depends on Accept
        for (URI feed : feeds) {
            HttpResponse<String> story = get(feed.resolve("/articles/scale-500"));
            assertThat(story.statusCode()).isEqualTo(200);
            assertThat(story.headers().allValues("Vary")).contains("Accept");
        }

        // and a wait for a version that never comes ends in the owner's 503, whose reason reaches the client unchanged
        // whichever instance it asked
        for (URI feed : feeds) {
            HttpResponse<String> tooNew = get(feed.resolve("/articles/scale-500?minVersion=9"));
            assertThat(tooNew.statusCode()).as(tooNew.body()).isEqualTo(503);
            assertThat(tooNew.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(tooNew.body()).path("detail").asText()).contains("Version 9 of story 'scale-500'");
        }

        // and a combined filter that must check each story in full (source from the index, language per story) pages
        // through all of them in bounded steps: short or empty pages with a cursor, never a gap or a duplicate
        for (URI feed : feeds) {
            JsonNode firstPage = JSON.readTree(get(feed.resolve("/feed?source=scale-test&lang=uk&limit=50")).body());
            assertThat(firstPage.get("items").size()).as("stories on a page cut short by the scan budget").isLessThan(50);
            assertThat(firstPage.get("next").isNull()).isFalse();
            List<String> ukrainian = allIds(feed, "source=scale-test&lang=uk&limit=50");
            assertThat(ukrainian).hasSize(STORIES / 10).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(Integer.parseInt(id.substring("scale-".length())) % 10).isEqualTo(3));
            assertThat(ukrainian.get(0)).isEqualTo("scale-" + (STORIES - 7));
        }

        // and a garbled cursor is the client's 400 on every instance, not a 503 from whichever peer refused it
        for (URI feed : feeds) {
            HttpResponse<String> garbled = get(feed.resolve("/feed?limit=5&cursor=!!!"));
            assertThat(garbled.statusCode()).as(garbled.body()).isEqualTo(400);
            assertThat(garbled.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }

        // and the instances keep standbys of each other's tasks, which is what the survivors take over from below
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (FeedApp feed : extraFeeds) {
                Map<String, Set<String>> tasks = feed.localTasks();
                assertThat(tasks.get("standby")).as("standby tasks").isNotEmpty().doesNotContainAnyElementsOf(tasks.get("active"));
            }
        });

        // When one instance stops
        extraFeeds.remove(1).close();
        feeds.remove(2);

        // Then the others answer completely again once the rebalance settles, filtered pages too: the partitions
        // they took over (standbys until now) have their in-memory index rebuilt. Until then every answer is a 503
        // with Retry-After or exactly the stories expected at that point of the feed, never a page with some missing.
        List<String> wrongAnswers = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            boolean complete = true;
            for (URI feed : feeds) {
                for (String query : List.of("limit=200", "source=scale-test&limit=200")) {
                    complete &= walkExpecting(feed, query, ids, wrongAnswers);
                }
            }
            return complete;
        });
        assertThat(wrongAnswers).isEmpty();
    }

    /**
     * Pages through a query of one instance while the cluster may be rebalancing. Returns true when every page came
     * and together they are exactly {@code expected}; false at the first 503, which must carry Retry-After. Any other
     * answer, and any page whose stories are not the expected ones at its place in the feed, is noted as wrong.
     */
    private boolean walkExpecting(URI feed, String query, List<String> expected, List<String> wrongAnswers) throws Exception {
        int seen = 0;
        String cursor = null;
        do {
            HttpResponse<String> page = get(feed.resolve("/feed?" + query + (cursor == null ? "" : "&cursor=" + cursor)));
            if (page.statusCode() == 503) {
                if (page.headers().firstValue("Retry-After").isEmpty()) {
                    wrongAnswers.add(feed + " " + query + ": 503 without Retry-After");
                }
                return false;
            }
            if (page.statusCode() != 200) {
                wrongAnswers.add(feed + " " + query + ": " + page.statusCode() + " " + page.body());
                return false;
            }
            JsonNode body = JSON.readTree(page.body());
            for (JsonNode item : body.get("items")) {
                String id = item.get("id").asText();
                if (seen >= expected.size() || !expected.get(seen).equals(id)) {
                    wrongAnswers.add(feed + " " + query + ": item " + seen + " was " + id + ", expected "
                        + (seen < expected.size() ? expected.get(seen) : "the end"));
                    return false;
                }
                seen++;
            }
            cursor = body.get("next").isNull() ? null : body.get("next").asText();
        } while (cursor != null);
        if (seen != expected.size()) {
            wrongAnswers.add(feed + " " + query + ": ended after " + seen + " of " + expected.size() + " stories");
        }
        return seen == expected.size();
    }

    /** Pages through the whole feed of one instance; fails (to be retried) on a 503. */
    private List<String> allIds(URI feed) throws Exception {
        return allIds(feed, "limit=200");
    }

    private List<String> allIds(URI feed, String query) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = get(feed.resolve("/feed?" + query + (cursor == null ? "" : "&cursor=" + cursor)));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(page.body());
            body.get("items").forEach(item -> ids.add(item.get("id").asText()));
            cursor = body.get("next").isNull() ? null : body.get("next").asText();
        } while (cursor != null);
        return ids;
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
