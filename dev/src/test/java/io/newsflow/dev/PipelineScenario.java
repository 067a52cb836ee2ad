package io.newsflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The walking skeleton end to end: a story pushed over HTTP to ingest-service travels through Kafka, the
 * schema registry and both Streams apps, and comes out of feed-service's HTTP API enriched. Subclasses
 * decide which real broker the stack runs on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PipelineScenario {

    private static final Logger log = LoggerFactory.getLogger(PipelineScenario.class);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

    /** Every entity mention the sample story must yield, headline first, each in order of appearance. */
    static final List<List<String>> EXPECTED_MENTIONS = List.of(
        List.of("HEADLINE", "Ukraine", "Ukraine", "PLACE"),
        List.of("BODY", "DPRK", "North Korea", "PLACE"),
        List.of("BODY", "Ukraine", "Ukraine", "PLACE"),
        List.of("BODY", "Taras Zahorodniy", "Taras Zahorodniy", "PERSON"),
        List.of("BODY", "Zahorodniy", "Taras Zahorodniy", "PERSON"),
        List.of("BODY", "Israel", "Israel", "PLACE"),
        List.of("BODY", "North Korea", "North Korea", "PLACE"),
        List.of("BODY", "Hezbollah", "Hezbollah", "ORG"),
        List.of("BODY", "Gaza", "Gaza Strip", "PLACE"),
        List.of("BODY", "Lebanon", "Lebanon", "PLACE"),
        List.of("BODY", "Pentagon", "The Pentagon", "ORG"),
        List.of("BODY", "Lloyd Austin", "Lloyd Austin", "PERSON"),
        List.of("BODY", "Kyiv", "Kyiv", "PLACE"),
        List.of("BODY", "United States", "United States", "PLACE"),
        List.of("BODY", "Russia", "Russia", "PLACE"),
        List.of("BODY", "Austin", "Lloyd Austin", "PERSON"),
        List.of("BODY", "Sullivan", "Jake Sullivan", "PERSON"),
        List.of("BODY", "Burns", "William J. Burns", "PERSON"),
        List.of("BODY", "Biden", "Joe Biden", "PERSON"),
        List.of("BODY", "Zagorodniy", "Taras Zahorodniy", "PERSON"),
        List.of("BODY", "Ukraine", "Ukraine", "PLACE"),
        List.of("BODY", "South Korea", "South Korea", "PLACE"),
        List.of("BODY", "Brussels", "Brussels", "PLACE"),
        List.of("BODY", "Zelenskyy", "Volodymyr Zelenskyy", "PERSON"),
        List.of("BODY", "Russia", "Russia", "PLACE"),
        List.of("BODY", "Kyrylo Budanov", "Kyrylo Budanov", "PERSON"),
        List.of("BODY", "Russia", "Russia", "PLACE"),
        List.of("BODY", "Kursk", "Kursk Oblast", "PLACE"),
        List.of("BODY", "Ukraine", "Ukraine", "PLACE"),
        List.of("BODY", "NATO", "NATO", "ORG"),
        List.of("BODY", "U.S.", "United States", "PLACE"),
        List.of("BODY", "Lloyd Austin", "Lloyd Austin", "PERSON"));

    private final HttpJson http = new HttpJson();
    private RunningPipeline pipeline;
    DevStack stack;

    /** The broker the stack runs against. */
    abstract KafkaBrokerExtension kafka();

    @BeforeAll
    void startStack() throws IOException {
        pipeline = RunningPipeline.on(kafka(), "pipeline");
        stack = pipeline.stack();
    }

    @AfterAll
    void stopStack() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aPushedStoryAppearsFirstInTheFeedWithEveryEntityLinked() {
        // Given an older story already in the feed
        var older = http.postJson(stack.ingestUrl().resolve("/articles"), SampleStories.json(SampleStories.AUSTIN_TEXAS_TRANSIT));
        assertThat(older.status()).isEqualTo(202);

        // When the North Korean troops story is pushed to ingest-service
        long pushedAt = System.nanoTime();
        var accepted = http.postJson(stack.ingestUrl().resolve("/articles"), SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS));
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().get("id").asText();
        assertThat(accepted.body().get("topic").asText()).isEqualTo("articles.published");
        assertThat(accepted.body().get("offset").asLong()).isNotNegative();

        // Then it is the newest story in the feed, with its entities and tags
        await().atMost(VISIBLE_WITHIN).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            JsonNode feed = http.get(stack.feedUrl().resolve("/feed?limit=10")).body();
            assertThat(feed.get("items")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(feed.get("items").get(0).get("id").asText()).isEqualTo(id);
        });
        log.info("story visible in the feed {} ms after ingest answered", (System.nanoTime() - pushedAt) / 1_000_000);

        JsonNode feed = http.get(stack.feedUrl().resolve("/feed?limit=10")).body();
        JsonNode first = feed.get("items").get(0);
        assertThat(first.get("headline").asText()).isEqualTo("No doubt that North Korean troops are in Ukraine - political strategist");
        assertThat(first.get("publishedAt").asText()).isEqualTo("2024-10-21T14:56:00Z");
        assertThat(texts(first.get("labels"))).containsExactly("Exclusive");
        assertThat(first.get("tags").size()).isBetween(2, 4);
        assertThat(canonicals(first.get("entities"))).contains("North Korea", "Kursk Oblast", "Lloyd Austin", "Taras Zahorodniy",
            "Volodymyr Zelenskyy", "Kyrylo Budanov", "Jake Sullivan", "William J. Burns", "Joe Biden", "NATO", "The Pentagon",
            "Hezbollah", "Israel", "Gaza Strip", "Lebanon", "South Korea", "Russia", "Ukraine", "United States", "Kyiv")
            .doesNotContain("Austin, Texas");
        assertThat(feed.get("items").get(1).get("id").asText()).isEqualTo("texas-metro-2024-10-21-austin-transit");

        // and the article view lists every mention, right, in order, with offsets into the text
        JsonNode article = http.get(stack.feedUrl().resolve("/articles/" + id)).body();
        JsonNode mentions = article.get("entities");
        List<List<String>> actual = new ArrayList<>();
        mentions.forEach(m -> actual.add(List.of(m.get("field").asText(), m.get("surface").asText(),
            m.get("canonical").asText(), m.get("type").asText())));
        assertThat(actual).containsExactlyElementsOf(EXPECTED_MENTIONS);
        mentions.forEach(m -> {
            String text = m.get("field").asText().equals("HEADLINE") ? article.get("headline").asText() : article.get("body").asText();
            assertThat(text.substring(m.get("start").asInt(), m.get("end").asInt())).isEqualTo(m.get("surface").asText());
            assertThat(m.get("confidence").asDouble()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
            assertThat(m.get("id").asText()).isNotBlank();
        });
        assertThat(idsOf(mentions, "Zahorodniy")).isEqualTo(idsOf(mentions, "Zagorodniy"));
        assertThat(mentions).extracting(m -> m.get("surface").asText()).doesNotContain("North Korean");
    }

    @Test
    void austinInATexasStoryIsTheCity() {
        var accepted = http.postJson(stack.ingestUrl().resolve("/articles"), SampleStories.json(SampleStories.AUSTIN_TEXAS_TRANSIT));
        String id = accepted.body().get("id").asText();

        await().atMost(VISIBLE_WITHIN).untilAsserted(() ->
            assertThat(http.get(stack.feedUrl().resolve("/articles/" + id)).status()).isEqualTo(200));
        JsonNode mentions = http.get(stack.feedUrl().resolve("/articles/" + id)).body().get("entities");
        assertThat(mentions).filteredOn(m -> m.get("surface").asText().equals("Austin"))
            .extracting(m -> tuple(m.get("canonical").asText(), m.get("type").asText()))
            .containsOnly(tuple("Austin, Texas", "PLACE"));
    }

    @Test
    void anUnknownStoryIsAProblemNotAStackTrace() {
        var answer = http.get(stack.feedUrl().resolve("/articles/no-such-story"));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asText()).contains("no-such-story");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static List<String> canonicals(JsonNode entities) {
        List<String> values = new ArrayList<>();
        entities.forEach(node -> values.add(node.get("canonical").asText()));
        return values;
    }

    private static List<String> idsOf(JsonNode mentions, String surface) {
        List<String> ids = new ArrayList<>();
        mentions.forEach(m -> {
            if (m.get("surface").asText().equals(surface)) {
                ids.add(m.get("id").asText());
            }
        });
        return ids;
    }
}
