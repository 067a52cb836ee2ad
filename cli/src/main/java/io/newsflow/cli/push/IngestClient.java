package io.newsflow.cli.push;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

/** ingest-service's story endpoints over {@link HttpClient}: nothing but status, content type and body. */
public final class IngestClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration STORY_TIMEOUT = Duration.ofSeconds(30);
    static final Duration BATCH_TIMEOUT = Duration.ofSeconds(120);

    private final URI base;
    private final Optional<String> apiKey;
    private final HttpClient http;

    public IngestClient(URI base, Optional<String> apiKey) {
        this.base = base;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    }

    public URI base() {
        return base;
    }

    public boolean hasApiKey() {
        return apiKey.isPresent();
    }

    public record Response(int status, String contentType, String body) {
    }

    /** The server could not be reached at all; nothing else will get through either. */
    public static final class UnreachableException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code POST /articles}: one story. */
    public Response publish(StoryFormat format, byte[] body, Optional<String> idempotencyKey)
        throws IOException, InterruptedException, UnreachableException {
        return send(request("/articles", format.contentType(), body, idempotencyKey, STORY_TIMEOUT));
    }

    /** {@code POST /articles:batch}: NDJSON, answered line by line. */
    public Response batch(byte[] body, Optional<String> idempotencyKey) throws IOException, InterruptedException, UnreachableException {
        return send(request("/articles:batch", StoryFormat.NDJSON.contentType(), body, idempotencyKey, BATCH_TIMEOUT));
    }

    private HttpRequest request(String path, String contentType, byte[] body, Optional<String> idempotencyKey, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Content-Type", contentType)
            .header("Accept", "application/json, application/x-ndjson, application/problem+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        idempotencyKey.ifPresent(key -> request.header("Idempotency-Key", key));
        return request.build();
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException, UnreachableException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new UnreachableException("cannot reach ingest-service at " + base + ": " + reason(e), e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException) {
                throw new UnreachableException("cannot reach ingest-service at " + base + ": unknown host", e);
            }
            throw e;
        }
    }

    private static String reason(Exception e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "connection refused";
    }
}
