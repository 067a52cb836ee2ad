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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.feed.FeedApp;
import io.newsflow.feed.FeedConfig;
import io.newsflow.feed.store.FeedRetention;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.PubStatus;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A feed-service configured to keep 30 days drops older stories by itself, against a real broker: from the feed,
 * from the feed under their entities, and from {@code GET /articles/{id}}; newer stories stay.
 */
class FeedRetentionIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void storiesOlderThanTheRetentionLeaveTheFeedAndTheirArticle() throws Exception {
        Path state = Files.createTempDirectory("newsflow-feed-retention");
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.forLocal(KAFKA.bootstrapServers(), 0))) {
            Settings settings = FeedConfig.load(Map.of(
                CommonConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                CommonConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:" + registry.port(),
                CommonConfig.HTTP_PORT_CONFIG, "0",
                FeedConfig.APPLICATION_ID_CONFIG, "feed-retention-" + UUID.randomUUID(),
                "state.dir", state.toString(),
                FeedRetention.DAYS_CONFIG, "30"));
            TopicProvisioner.ensureAll(settings);
            Instant now = Instant.now();
            // Given stories of 40, 29 and 0 days ago, all visible and sharing entities, and two withheld ones
            List<ArticleEnriched> stories = List.of(FeedRestoreIT.story(1, 1, now.minus(Duration.ofDays(40))),
                FeedRestoreIT.story(2, 1, now.minus(Duration.ofDays(29))), FeedRestoreIT.story(3, 1, now.minusSeconds(60)),
                withheld(FeedRestoreIT.story(4, 1, now.minus(Duration.ofDays(40)))),
                withheld(FeedRestoreIT.story(5, 1, now.minus(Duration.ofDays(29)))));
            try (FeedApp feed = new FeedApp(settings);
                 var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                     new StringSerializer(), Topics.ARTICLES_ENRICHED.valueSerde(CommonConfig.serdeConfigs(settings)).serializer())) {
                feed.start();
                URI base = URI.create("http://127.0.0.1:" + feed.httpPort());
                for (ArticleEnriched story : stories) {
                    producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED.name(), story.getArticle().getId(), story));
                }
                producer.flush();
                String entity = stories.get(0).getEntities().get(0).getEntityId();

                // Then, within a retention round, the 40-day-old story is gone from every view and the others stay
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(ids(base, "/feed?limit=50")).containsExactly("restore-3", "restore-2");
                    assertThat(get(base, "/articles/restore-1").statusCode()).isEqualTo(404);
                });
                assertThat(ids(base, "/feed?entity=" + entity + "&limit=50")).doesNotContain("restore-1");
                assertThat(ids(base, "/feed?lang=" + stories.get(0).getArticle().getLanguage() + "&limit=50")).doesNotContain("restore-1");
                assertThat(get(base, "/articles/restore-2").statusCode()).isEqualTo(200);
                // The withheld story of 40 days ago is swept out of the stores too; it was never in the feed.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(get(base, "/metrics").body()).containsPattern("newsflow_stories_total\\{[^}]*outcome=\"expired\"[^}]*} 2\\.0"));
                assertThat(ids(base, "/feed?limit=50")).containsExactly("restore-3", "restore-2");
            }
        } finally {
            KafkaBrokerExtension.Directories.deleteRecursively(state);
        }
    }


    private static ArticleEnriched withheld(ArticleEnriched story) {
        story.getArticle().setPubStatus(PubStatus.withheld);
        return story;
    }

    private List<String> ids(URI base, String path) throws Exception {
        HttpResponse<String> page = get(base, path);
        assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        new ObjectMapper().readTree(page.body()).get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
