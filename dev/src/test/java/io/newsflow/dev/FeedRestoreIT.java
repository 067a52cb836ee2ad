package io.newsflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.feed.FeedApp;
import io.newsflow.feed.FeedConfig;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.EntityMention;
import io.newsflow.schemas.EntityType;
import io.newsflow.schemas.PubStatus;
import io.newsflow.schemas.TextField;
import io.newsflow.testkit.FreePorts;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * feed-service restarted on its state directory, and rebuilt from its changelogs alone, answers every query exactly as
 * before: the whole feed and the feed under every facet term, after stories were updated with other tags and entities,
 * killed or deleted. The facet pages come from the in-memory index, which is rebuilt on every start. Its pages keep
 * their entity tags, so a client revalidating a page it cached before gets 304 until the page changes.
 */
class FeedRestoreIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STORIES = 300;
    private static final List<String> TAGS = List.of("conflict", "diplomacy", "economy", "Politics");
    private static final List<String> ENTITIES = List.of("Q1396", "Q2016011", "Q11209", "Q423", "Q212");
    private static final Duration READ_YOUR_WRITES_BOUND = Duration.ofMillis(1500);

    private final HttpClient http = HttpClient.newHttpClient();
    private Path stateDirectory;
    private SchemaRegistryServer registry;
    private Settings settings;

    @BeforeEach
    void startRegistry() throws Exception {
        stateDirectory = Files.createTempDirectory("newsflow-feed-restore");
        registry = SchemaRegistryServer.start(RegistryConfig.forLocal(KAFKA.bootstrapServers(), 0));
        settings = FeedConfig.load(Map.of(
            CommonConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
            CommonConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:" + registry.port(),
            CommonConfig.HTTP_PORT_CONFIG, "0",
            FeedConfig.APPLICATION_ID_CONFIG, "feed-restore-" + UUID.randomUUID(),
            FeedConfig.READ_YOUR_WRITES_TIMEOUT_MS_CONFIG, String.valueOf(READ_YOUR_WRITES_BOUND.toMillis()),
            "state.dir", stateDirectory.toString()));
        TopicProvisioner.ensureAll(settings);
    }

    @AfterEach
    void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
        KafkaBrokerExtension.Directories.deleteRecursively(stateDirectory);
    }

    @Test
    void aFeedRestoredFromItsChangelogsAnswersEveryQueryAsBefore() throws Exception {
        Map<String, String> before;
        String firstPageTag;
        String firstPage;
        try (FeedApp feed = new FeedApp(settings)) {
            feed.start();
            URI base = URI.create("http://127.0.0.1:" + feed.httpPort());
            // Given stories, then new versions of some with other tags and entities, kills and deletions
            int visible = publishStories();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(ids(base, "/feed")).hasSize(visible));
            before = pages(base);
            firstPageTag = get(base.resolve("/feed?limit=50")).headers().firstValue("ETag").orElseThrow();
            firstPage = get(base.resolve("/feed?limit=50")).body();

            // Then each filter, alone or combined, and the tag and entity paths select exactly the matching stories
            // of the whole feed, in the same order
            assertFiltersSelectExactlyTheMatchingStories(base);
        }
        assertThat(before.get("/feed?entity=Q1396")).contains("\"id\":\"restore-");

        // When feed-service starts again on its state directory, its in-memory index is rebuilt from the stores there
        try (FeedApp feed = new FeedApp(settings)) {
            URI base = startAndAwaitReady(feed);
            assertThat(pages(base)).isEqualTo(before);
        }

        // When the state directory is lost and feed-service starts again
        KafkaBrokerExtension.Directories.deleteRecursively(stateDirectory);
        int port = FreePorts.pick();
        try (FeedApp feed = new FeedApp(settings.with(CommonConfig.HTTP_PORT_CONFIG, String.valueOf(port)))) {
            // Then while it restores it says so, with a 503 and Retry-After, and never serves a partial page
            URI base = startAndWatchTheRestore(feed, URI.create("http://127.0.0.1:" + port), firstPage);

            // Then every page, filtered by any facet, is the same as before
            assertThat(pages(base)).isEqualTo(before);

            // and its entity tag too, since the tag is derived from the page itself: a client's cached copy stays valid
            HttpRequest revalidate = HttpRequest.newBuilder(base.resolve("/feed?limit=50")).header("If-None-Match", firstPageTag).GET().build();
            assertThat(http.send(revalidate, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(304);

            // until a new story changes the page
            publish(story(STORIES, 1, Instant.parse("2024-10-22T06:00:00Z")));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(ids(base, "/feed").get(0)).isEqualTo("restore-" + STORIES));
            HttpResponse<String> changed = http.send(revalidate, HttpResponse.BodyHandlers.ofString());
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(firstPageTag);

            // Entity pages, just read and so held in feed-service's item cache, follow a correction in place and a kill
            ArticleEnriched corrected = story(1, 1, Instant.parse("2024-10-21T06:01:00Z"));
            corrected.getArticle().setVersion(4);
            corrected.getArticle().setHeadline("Story 1 corrected");
            String entityPage = "/feed?entity=" + corrected.getEntities().get(0).getEntityId();
            assertThat(items(base, entityPage).toString()).contains("\"headline\":\"Story 1 v1\"");
            publish(corrected);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(items(base, entityPage).toString())
                    .contains("\"headline\":\"Story 1 corrected\"").doesNotContain("\"headline\":\"Story 1 v1\""));
            corrected.getArticle().setVersion(5);
            corrected.getArticle().setPubStatus(PubStatus.canceled);
            publish(corrected);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(ids(base, entityPage)).isNotEmpty().doesNotContain("restore-1"));

            // A reader waiting for a version that does not come gets a 503 with Retry-After once the bound has passed
            long askedAt = System.nanoTime();
            HttpResponse<String> tooNew = get(base.resolve("/articles/restore-2?minVersion=50"));
            assertThat(Duration.ofNanos(System.nanoTime() - askedAt)).isGreaterThanOrEqualTo(READ_YOUR_WRITES_BOUND.minusMillis(100));
            assertThat(tooNew.statusCode()).as(tooNew.body()).isEqualTo(503);
            assertThat(tooNew.headers().firstValue("Retry-After")).isPresent();
            assertThat(tooNew.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(tooNew.body()).path("detail").asText()).contains("50");

            // Cursors stay stable while new stories arrive: paging through the feed, with a newer story published and
            // visible before each next page, gives exactly the feed as it was when the first page was read
            assertPagingIgnoresArrivals(base);
        }
    }

    /** Every filter of the feed, checked against the whole feed: the same items, in the same order, and some. */
    private void assertFiltersSelectExactlyTheMatchingStories(URI base) throws Exception {
        List<JsonNode> all = items(base, "/feed");
        Map<String, Predicate<JsonNode>> filters = new LinkedHashMap<>();
        filters.put("/feed?source=Kyiv%20Desk", item -> item.get("source").asText().equals("Kyiv Desk"));
        filters.put("/feed?lang=uk", item -> item.get("language").asText().equals("uk"));
        filters.put("/feed?urgency=3", item -> item.get("urgency").asInt() == 3);
        filters.put("/feed?urgency=2-4", item -> item.get("urgency").asInt() >= 2 && item.get("urgency").asInt() <= 4);
        filters.put("/feed?tag=politics&lang=en", item -> hasTag(item, "politics") && item.get("language").asText().equals("en"));
        filters.put("/feed?entity=Q423&source=wire&urgency=1-5", item -> hasEntity(item, "Q423")
            && item.get("source").asText().equals("wire") && item.get("urgency").asInt() <= 5);
        for (String tag : TAGS) {
            filters.put("/tags/" + tag + "/feed", item -> hasTag(item, tag));
        }
        for (String entity : ENTITIES) {
            filters.put("/entities/" + entity + "/feed", item -> hasEntity(item, entity));
        }
        filters.put("/entities/Q1396/feed?lang=uk", item -> hasEntity(item, "Q1396") && item.get("language").asText().equals("uk"));
        filters.forEach((path, matches) -> {
            List<String> expected = all.stream().filter(matches).map(item -> item.get("id").asText()).toList();
            try {
                assertThat(ids(base, path)).as(path).isNotEmpty().isEqualTo(expected);
            } catch (Exception e) {
                throw new AssertionError(path, e);
            }
        });
    }

    private static boolean hasTag(JsonNode item, String tag) {
        for (JsonNode t : item.get("tags")) {
            if (t.asText().equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasEntity(JsonNode item, String entityId) {
        for (JsonNode e : item.get("entities")) {
            if (e.get("id").asText().equals(entityId)) {
                return true;
            }
        }
        return false;
    }

    private void assertPagingIgnoresArrivals(URI base) throws Exception {
        List<String> snapshot = ids(base, "/feed");
        List<String> paged = new ArrayList<>();
        Instant arrivals = Instant.parse("2024-10-23T06:00:00Z");
        String cursor = null;
        int arrived = 0;
        do {
            HttpResponse<String> page = get(base.resolve("/feed?limit=40" + (cursor == null ? "" : "&cursor=" + cursor)));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(page.body());
            body.get("items").forEach(item -> paged.add(item.get("id").asText()));
            cursor = body.get("next").isNull() ? null : body.get("next").asText();

            String newest = "restore-" + (2 * STORIES + arrived);
            publish(story(2 * STORIES + arrived, 1, arrivals.plusSeconds(60L * arrived)));
            arrived++;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(JSON.readTree(get(base.resolve("/feed?limit=1")).body()).at("/items/0/id").asText()).isEqualTo(newest));
        } while (cursor != null);
        assertThat(arrived).as("pages read").isGreaterThan(3);
        assertThat(paged).isEqualTo(snapshot);
    }

    /**
     * Starts feed-service on an empty state directory and reads the first page of the feed over and over while it
     * restores. Each answer must be a 503 problem with Retry-After or the whole page as it was before; at least the
     * first ones must be 503s, since the stores cannot have been restored before the service starts.
     */
    private URI startAndWatchTheRestore(FeedApp feed, URI base, String expectedFirstPage) throws Exception {
        // start() returns once Kafka Streams is RUNNING, and its HTTP server answers well before that
        CompletableFuture<Void> started = CompletableFuture.runAsync(feed::start);
        List<String> wrongAnswers = new ArrayList<>();
        int[] unavailable = {0};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (String path : List.of("/feed?limit=50", "/articles/restore-0")) {
                HttpResponse<String> answer;
                try {
                    answer = get(base.resolve(path));
                } catch (ConnectException notListeningYet) {
                    return false;
                }
                if (answer.statusCode() == 503) {
                    unavailable[0]++;
                    if (answer.headers().firstValue("Retry-After").isEmpty()
                        || !answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        wrongAnswers.add(path + ": 503 without Retry-After or problem+json: " + answer.headers().map());
                    }
                } else if (answer.statusCode() != 200) {
                    wrongAnswers.add(path + ": " + answer.statusCode() + " " + answer.body());
                } else if (path.startsWith("/feed") && !answer.body().equals(expectedFirstPage)) {
                    wrongAnswers.add(path + ": a page other than the whole first page: " + answer.body());
                }
            }
            return get(base.resolve("/health/ready")).statusCode() == 200;
        });
        started.get(90, TimeUnit.SECONDS);
        assertThat(wrongAnswers).isEmpty();
        assertThat(unavailable[0]).as("503 answers while restoring").isPositive();
        assertThat(get(base.resolve("/feed?limit=50")).body()).isEqualTo(expectedFirstPage);
        return base;
    }

    /** Starts feed-service and waits until it says it is ready: its stores restored or reopened, its index rebuilt. */
    private URI startAndAwaitReady(FeedApp feed) throws Exception {
        feed.start();
        URI base = URI.create("http://127.0.0.1:" + feed.httpPort());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(get(base.resolve("/health/ready")).statusCode()).isEqualTo(200));
        return base;
    }

    /** Publishes the stories and returns how many stay visible. */
    private int publishStories() {
        Instant start = Instant.parse("2024-10-21T06:00:00Z");
        var topic = Topics.ARTICLES_ENRICHED;
        int visible = STORIES;
        try (var producer = producer()) {
            for (int i = 0; i < STORIES; i++) {
                ArticleEnriched story = story(i, 1, start.plusSeconds(60L * i));
                producer.send(new ProducerRecord<>(topic.name(), story.getArticle().getId(), story));
            }
            for (int i = 0; i < STORIES; i += 7) {
                // a new version, moved in time, with the next tag and entity
                ArticleEnriched update = story(i, 2, start.plusSeconds(60L * i + 30));
                producer.send(new ProducerRecord<>(topic.name(), update.getArticle().getId(), update));
            }
            for (int i = 3; i < STORIES; i += 11) {
                ArticleEnriched kill = story(i, 3, start.plusSeconds(60L * i));
                kill.getArticle().setPubStatus(PubStatus.canceled);
                producer.send(new ProducerRecord<>(topic.name(), kill.getArticle().getId(), kill));
                visible--;
            }
            for (int i = 5; i < STORIES; i += 13) {
                if (i % 11 != 3) {
                    producer.send(new ProducerRecord<>(topic.name(), "restore-" + i, null));
                    visible--;
                }
            }
            producer.flush();
        }
        return visible;
    }

    private void publish(ArticleEnriched story) {
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED.name(), story.getArticle().getId(), story));
        }
    }

    /** A producer of enriched stories to {@code articles.enriched}, registering their schema like enrich-service. */
    private KafkaProducer<String, ArticleEnriched> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
            new StringSerializer(), Topics.ARTICLES_ENRICHED.valueSerde(CommonConfig.serdeConfigs(settings)).serializer());
    }

    static ArticleEnriched story(int n, int version, Instant publishedAt) {
        ArticlePublished article = ArticlePublished.newBuilder()
            .setId("restore-" + n).setVersion(version).setSource(n % 2 == 0 ? "Kyiv Desk" : "wire").setLanguage(n % 3 == 0 ? "uk" : "en")
            .setHeadline("Story " + n + " v" + version).setBody("Body of story " + n).setByline(null).setLabels(List.of())
            .setUrgency(1 + (n + version) % 9).setPubStatus(PubStatus.usable).setEmbargoUntil(null)
            .setPublishedAt(publishedAt).setIngestedAt(publishedAt)
            .build();
        List<EntityMention> mentions = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            String id = ENTITIES.get((n + version + k) % ENTITIES.size());
            mentions.add(EntityMention.newBuilder().setField(TextField.BODY).setSurface(id).setStart(0).setEnd(id.length())
                .setCanonical("Entity " + id).setEntityId(id).setType(EntityType.PLACE).setConfidence(0.9).setEvidence(null).build());
        }
        return ArticleEnriched.newBuilder().setArticle(article).setEntities(mentions)
            .setTags(List.of(TAGS.get((n + version) % TAGS.size()), TAGS.get((n + version + 1) % TAGS.size())))
            .setEnrichedAt(publishedAt).build();
    }

    /** The whole feed and the whole feed under every facet term the stories use, each as its items' JSON. */
    private Map<String, String> pages(URI base) throws Exception {
        List<String> paths = new ArrayList<>(List.of("/feed", "/feed?source=Kyiv%20Desk", "/feed?lang=uk", "/feed?urgency=3",
            "/feed?tag=politics&lang=en"));
        TAGS.forEach(tag -> paths.add("/feed?tag=" + tag));
        ENTITIES.forEach(entity -> paths.add("/feed?entity=" + entity));
        Map<String, String> pages = new LinkedHashMap<>();
        for (String path : paths) {
            pages.put(path, items(base, path).toString());
        }
        return pages;
    }

    private List<String> ids(URI base, String path) throws Exception {
        List<String> ids = new ArrayList<>();
        items(base, path).forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    /** Every item of a feed query, following its cursors page by page. */
    private List<JsonNode> items(URI base, String path) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            String query = path + (path.contains("?") ? "&" : "?") + "limit=200" + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> page = get(base.resolve(query));
            assertThat(page.statusCode()).as(query + ": " + page.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(page.body());
            body.get("items").forEach(items::add);
            cursor = body.get("next").isNull() ? null : body.get("next").asText();
        } while (cursor != null);
        return items;
    }


    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
