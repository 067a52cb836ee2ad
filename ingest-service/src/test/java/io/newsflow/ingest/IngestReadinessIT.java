package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ingest-service's {@code /health/ready} on a real broker: its own check and the broker's, DOWN naming the
 * broker while it is stopped, UP again once it is back; and its requests in {@code /metrics} by route template.
 */
class IngestReadinessIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.embedded();

    private static SchemaRegistryServer registry;
    private static IngestApp app;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startServices() {
        registry = SchemaRegistryServer.start(RegistryConfig.forLocal(kafka.bootstrapServers(), 0));
        app = new IngestApp(IngestConfig.load(Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "schema.registry.url", registry.url().toString(),
            "http.port", "0",
            "auth.enabled", "false")));
        app.start();
    }

    @AfterAll
    static void stopServices() {
        if (app != null) {
            app.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void readinessNamesTheWriterAndTheBrokerAndFollowsTheBroker() throws Exception {
        // Given the running service, ready with both checks UP
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(ready.body());
            assertThat(body.at("/checks/editorial-writer/status").asText()).isEqualTo("UP");
            assertThat(body.at("/checks/broker/status").asText()).isEqualTo("UP");
        });
        // And a story published, so a templated route has been served
        HttpResponse<String> published = http.send(HttpRequest.newBuilder(uri("/articles"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        String id = JSON.readTree(published.body()).get("id").asText();
        assertThat(http.send(HttpRequest.newBuilder(uri("/articles/" + id)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);

        // Then /metrics counts them by route template
        String scrape = get("/metrics").body();
        assertThat(scrape.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{")))
            .anySatisfy(line -> assertThat(line).contains("route=\"/articles\"", "method=\"POST\"", "status=\"202\"",
                "outcome=\"SUCCESS\"", "service=\"ingest-service\""))
            .anySatisfy(line -> assertThat(line).contains("route=\"/articles/{id}\"", "method=\"DELETE\"", "status=\"202\""))
            .noneSatisfy(line -> assertThat(line).contains(id));

        // When the broker stops, readiness is DOWN naming the broker, and liveness stays UP
        kafka.broker().close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            JsonNode body = JSON.readTree(ready.body());
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/checks/broker/status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/checks/broker/detail").asText()).isNotBlank();
        });
        assertThat(get("/health/live").statusCode()).isEqualTo(200);

        // When it is back, the service is ready again
        kafka.restart();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(get("/health/ready").statusCode()).isEqualTo(200));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.httpPort() + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
