package io.newsflow.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.platform.http.HttpServer;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.metrics.Metrics;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /health/ready} against a real KRaft broker: UP while it runs, DOWN naming the {@code broker} check
 * once it is stopped (liveness staying UP), UP again when it is back. A probe never waits on the broker.
 */
class BrokerHealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.embedded();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readinessFollowsTheBroker() throws Exception {
        // Given a server whose readiness is a service flag and the broker check
        BrokerHealth broker = BrokerHealth.start(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            Duration.ofMillis(500), Duration.ofMillis(1000));
        try (HttpServer server = HttpServer.start("test", "127.0.0.1", 0, 1_000_000, Json.mapper(), Metrics.forService("t"),
            List.of(HealthCheck.of("streams", () -> true, "stores restoring"), broker), r -> { })) {

            // Then with the broker up, readiness is UP and says which cluster it saw
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> ready = get(server, "/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(ready.body());
                assertThat(body.get("status").asText()).isEqualTo("UP");
                assertThat(body.at("/checks/broker/status").asText()).isEqualTo("UP");
                assertThat(body.at("/checks/broker/detail").asText()).contains("1 broker");
            });

            // When the broker stops
            kafka.broker().close();

            // Then readiness turns DOWN (503), naming the broker check and why, while the other check stays UP
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> ready = get(server, "/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
                JsonNode body = JSON.readTree(ready.body());
                assertThat(body.get("status").asText()).isEqualTo("DOWN");
                assertThat(body.at("/checks/broker/status").asText()).isEqualTo("DOWN");
                assertThat(body.at("/checks/broker/detail").asText()).contains("Kafka unreachable at " + kafka.bootstrapServers());
                assertThat(body.at("/checks/streams/status").asText()).isEqualTo("UP");
            });
            // And a probe answers at once although the broker is gone, and liveness stays UP
            long started = System.nanoTime();
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);

            // When the broker is back on the same port, readiness is UP again
            kafka.restart();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200));
        }
    }

    private HttpResponse<String> get(HttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
