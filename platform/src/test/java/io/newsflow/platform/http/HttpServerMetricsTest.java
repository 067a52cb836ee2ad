package io.newsflow.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import io.newsflow.platform.health.HealthCheck;
import io.newsflow.platform.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request timer on every route, and the readiness answer built from named checks. */
class HttpServerMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void timesEveryRequestByRouteTemplateNeverByRawPath() throws Exception {
        // Given a server with a templated route, a failing route and a streaming route
        var metrics = Metrics.forService("test-service");
        server = HttpServer.start("test", "127.0.0.1", 0, 1_000_000, Json.mapper(), metrics, () -> true, r -> {
            r.get("/articles/{id}", ctx -> ctx.result("article " + ctx.pathParam("id")));
            r.get("/boom", ctx -> {
                throw new IllegalStateException("boom");
            });
            r.get("/stream", ctx -> {
                ctx.contentType("text/event-stream");
                ctx.res().flushBuffer();
                try (SseClient sse = new SseClient(ctx)) {
                    sse.sendEvent("story", "one");
                    sse.sendEvent("story", "two");
                }
            });
        });

        // When each is hit, plus a path no route matches
        assertThat(get("/articles/abc-123").statusCode()).isEqualTo(200);
        assertThat(get("/articles/def-456").statusCode()).isEqualTo(200);
        assertThat(get("/boom").statusCode()).isEqualTo(500);
        assertThat(get("/no/such/thing").statusCode()).isEqualTo(404);
        HttpResponse<String> stream = get("/stream");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("data: one").contains("data: two");

        // Then /metrics has one series per route template, with status, outcome and histogram buckets
        String scrape = get("/metrics").body();
        assertThat(series(scrape, "http_server_requests_seconds_count", "route=\"/articles/{id}\""))
            .singleElement().satisfies(line -> assertThat(line)
                .contains("method=\"GET\"", "status=\"200\"", "outcome=\"SUCCESS\"", "service=\"test-service\"")
                .endsWith(" 2"));
        assertThat(series(scrape, "http_server_requests_seconds_bucket", "route=\"/articles/{id}\"")).hasSizeGreaterThan(10);
        assertThat(series(scrape, "http_server_requests_seconds_sum", "route=\"/articles/{id}\"")).hasSize(1);
        assertThat(series(scrape, "http_server_requests_seconds_count", "route=\"/boom\""))
            .singleElement().satisfies(line -> assertThat(line).contains("status=\"500\"", "outcome=\"SERVER_ERROR\""));
        assertThat(series(scrape, "http_server_requests_seconds_count", "route=\"NOT_FOUND\""))
            .singleElement().satisfies(line -> assertThat(line).contains("status=\"404\"", "outcome=\"CLIENT_ERROR\""));
        assertThat(series(scrape, "http_server_requests_seconds_count", "route=\"/stream\""))
            .singleElement().satisfies(line -> assertThat(line).contains("status=\"200\"").endsWith(" 1"));
        // And never the raw paths
        assertThat(scrape).doesNotContain("abc-123").doesNotContain("/no/such/thing");
    }

    /** A route's own 404 problem keeps its detail; only a path no route matches gets the generic one. */
    @Test
    void aRoutesNotFoundProblemKeepsItsDetail() throws Exception {
        server = HttpServer.start("test", "127.0.0.1", 0, 1_000_000, Json.mapper(), Metrics.forService("test-service"),
            () -> true, r -> r.get("/entries/{id}", ctx -> {
                throw ProblemException.notFound("No entity '" + ctx.pathParam("id") + "' here");
            }));

        HttpResponse<String> own = get("/entries/person:nobody");
        assertThat(own.statusCode()).isEqualTo(404);
        assertThat(own.headers().firstValue("Content-Type").orElse("")).startsWith(Problem.CONTENT_TYPE);
        assertThat(JSON.readTree(own.body()).get("detail").asText()).isEqualTo("No entity 'person:nobody' here");
        HttpResponse<String> unmatched = get("/no/such/thing");
        assertThat(unmatched.headers().firstValue("Content-Type").orElse("")).startsWith(Problem.CONTENT_TYPE);
        assertThat(JSON.readTree(unmatched.body()).get("detail").asText()).contains("/no/such/thing");
    }

    @Test
    void readinessIsUpOnlyWhenEveryCheckIsAndNamesEachCheck() throws Exception {
        // Given one check up and one down
        var broker = new HealthCheck() {
            volatile boolean up;

            @Override
            public String name() {
                return "broker";
            }

            @Override
            public Result check() {
                return up ? Result.up("cluster x, 1 broker") : Result.down("Kafka unreachable at 127.0.0.1:1");
            }
        };
        server = HttpServer.start("test", "127.0.0.1", 0, 1_000_000, Json.mapper(), Metrics.forService("t"),
            List.of(HealthCheck.of("streams", () -> true, "stores restoring"), broker), r -> { });

        // Then readiness is 503 DOWN, naming the failing check and its detail, and liveness stays UP
        HttpResponse<String> down = get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(down.body());
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/broker/status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/broker/detail").asText()).contains("unreachable");
        assertThat(body.at("/checks/streams/status").asText()).isEqualTo("UP");
        HttpResponse<String> live = get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body())).isEqualTo(JSON.valueToTree(Map.of("status", "UP")));

        // When the failing check recovers, readiness is 200 UP
        broker.up = true;
        HttpResponse<String> up = get("/health/ready");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(up.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void outcomesFollowTheStatusClass() {
        assertThat(HttpServer.outcome(200)).isEqualTo("SUCCESS");
        assertThat(HttpServer.outcome(202)).isEqualTo("SUCCESS");
        assertThat(HttpServer.outcome(304)).isEqualTo("REDIRECTION");
        assertThat(HttpServer.outcome(422)).isEqualTo("CLIENT_ERROR");
        assertThat(HttpServer.outcome(503)).isEqualTo("SERVER_ERROR");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> series(String scrape, String metric, String label) {
        return scrape.lines().filter(line -> line.startsWith(metric + "{") && line.contains(label)).toList();
    }
}
