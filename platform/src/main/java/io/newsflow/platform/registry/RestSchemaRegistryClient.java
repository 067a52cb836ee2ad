package io.newsflow.platform.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/**
 * Talks Confluent's Schema Registry REST API over HTTP. Several base URLs may be given (as in
 * {@code schema.registry.url=http://a:8081,http://b:8081}); each call tries them in order until one answers.
 * Not cached: wrap it in {@link CachingSchemaRegistryClient}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUrls;
    private final HttpClient http;
    private final Duration timeout;

    public RestSchemaRegistryClient(List<URI> baseUrls, Duration timeout) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is required");
        }
        this.baseUrls = List.copyOf(baseUrls);
        this.timeout = Objects.requireNonNull(timeout);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        return answer.get("id").asInt();
    }

    @Override
    public int idOf(String subject, Schema schema) {
        JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
        return answer.get("id").asInt();
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        return new RegisteredSchema(subject, answer.get("id").asInt(), answer.get("version").asInt(),
            new Schema.Parser().parse(answer.get("schema").asText()));
    }

    @Override
    public Schema schemaById(int id) {
        JsonNode answer = call("GET", "/schemas/ids/" + id, null);
        return new Schema.Parser().parse(answer.get("schema").asText());
    }

    private static String schemaBody(Schema schema) {
        try {
            return JSON.writeValueAsString(Map.of("schemaType", "AVRO", "schema", schema.toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode call(String method, String path, String body) {
        SchemaRegistryException lastFailure = null;
        for (URI base : baseUrls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(stripSlash(base) + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
                if (response.statusCode() / 100 == 2) {
                    return json;
                }
                int code = json.path("error_code").asInt(response.statusCode());
                String message = json.path("message").asText("HTTP " + response.statusCode());
                // A 4xx is the registry's answer about our request: another replica would say the same.
                if (response.statusCode() < 500) {
                    throw new SchemaRegistryException(response.statusCode(), code, message);
                }
                lastFailure = new SchemaRegistryException(response.statusCode(), code, message);
            } catch (IOException e) {
                lastFailure = new SchemaRegistryException("schema registry at " + base + " did not answer: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling the schema registry", e);
            }
        }
        throw lastFailure;
    }

    private static String stripSlash(URI base) {
        String path = base.getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
