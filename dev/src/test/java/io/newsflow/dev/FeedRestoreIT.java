package io.newsflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        try (FeedApp feed = new FeedApp(settings)) {
            feed.start();
            URI base = URI.create("http://127.0.0.1:" + feed.httpPort());
            // Given stories, then new versions of some with other tags and entities, kills and deletions
            int visible = publishStories();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(ids(base, "/feed")).hasSize(visible));
            before = pages(base);
            firstPageTag = get(base.resolve("/feed?limit=50")).headers().firstValue("ETag").orElseThrow();
        }
        assertThat(before.get("/feed?entity=Q1396")).contains("\"id\":\"restore-");

        // When feed-service starts again on its state directory, its in-memory index is rebuilt from the stores there
        try (FeedApp feed = new FeedApp(settings)) {
            URI base = startAndAwaitReady(feed);
            assertThat(pages(base)).isEqualTo(before);
        }

        // When the state directory is lost and feed-service starts again
        KafkaBrokerExtension.Directories.deleteRecursively(stateDirectory);
        try (FeedApp feed = new FeedApp(settings)) {
            URI base = startAndAwaitReady(feed);

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
        }
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
