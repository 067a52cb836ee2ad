package io.newsflow.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.newsflow.platform.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tagged body over a real server: its length, type and tag, and the 304 for each form of If-None-Match. */
class TaggedResponsesTest {

    private static final String PAGE = "{\"items\":[{\"id\":\"kyiv-1\",\"headline\":\"Остін у Києві\"}],\"next\":null}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.start("tagged", "127.0.0.1", 0, 1_000_000, Json.mapper(), Metrics.forService("tagged"), () -> true,
            r -> r.get("/page", ctx -> TaggedResponses.send(ctx, "application/json", PAGE.getBytes(StandardCharsets.UTF_8))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTheExactBytesWithTheirLengthTypeAndTag() throws Exception {
        HttpResponse<byte[]> answer = get(null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(PAGE);
        assertThat(answer.headers().firstValue("Content-Length")).contains(String.valueOf(PAGE.getBytes(StandardCharsets.UTF_8).length));
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.headers().firstValue("ETag")).contains(EntityTags.of(PAGE));
        assertThat(answer.headers().firstValue("Cache-Control")).contains("public, no-cache");
    }

    @Test
    void answersNotModifiedWithNoBodyWhenTheClientHoldsThatTag() throws Exception {
        String etag = get(null).headers().firstValue("ETag").orElseThrow();

        for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            HttpResponse<byte[]> answer = get(ifNoneMatch);
            assertThat(answer.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(answer.body()).isEmpty();
            assertThat(answer.headers().firstValue("ETag")).contains(etag);
        }
        assertThat(get("\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void matchesFollowsWeakComparison() {
        assertThat(TaggedResponses.matches("\"a\"", "\"a\"")).isTrue();
        assertThat(TaggedResponses.matches("W/\"a\"", "\"a\"")).isTrue();
        assertThat(TaggedResponses.matches(" \"b\" , \"a\" ", "\"a\"")).isTrue();
        assertThat(TaggedResponses.matches("\"b\"", "\"a\"")).isFalse();
        assertThat(TaggedResponses.matches(null, "\"a\"")).isFalse();
    }

    private HttpResponse<byte[]> get(String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/page"));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
