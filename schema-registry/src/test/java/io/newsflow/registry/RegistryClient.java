package io.newsflow.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A minimal HTTP client speaking to the registry the way Confluent's clients do, for tests. */
final class RegistryClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    RegistryClient(URI base) {
        this.base = base;
    }

    /** A response with its JSON body parsed (or null when the body is not JSON). */
    record Response(int status, String contentType, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + text, e);
            }
        }

        int errorCode() {
            return json().path("error_code").asInt();
        }
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    Response post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST with an explicit Content-Type, to check the accepted request media types. */
    Response post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    Response put(String path, String body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST /subjects/{subject}/versions with an Avro schema; returns the raw response. */
    Response register(String subject, String avroSchema) {
        return post("/subjects/" + subject + "/versions", schemaBody(avroSchema));
    }

    /** Registers and insists on success; returns the id. */
    int registerOk(String subject, String avroSchema) {
        Response response = register(subject, avroSchema);
        if (response.status() != 200) {
            throw new AssertionError("Registration under " + subject + " failed: " + response);
        }
        return response.json().get("id").asInt();
    }

    Response setCompatibility(String subjectOrNull, String level) {
        String path = subjectOrNull == null ? "/config" : "/config/" + subjectOrNull;
        return put(path, "{\"compatibility\":\"" + level + "\"}");
    }

    static String schemaBody(String avroSchema) {
        return JSON.createObjectNode().put("schema", avroSchema).toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", REQUEST_TYPE)
            .header("Accept", REQUEST_TYPE);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
