package io.newsflow.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the client reports a registry's failures: about the request, or of the registry itself. */
class RestSchemaRegistryClientTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aServerErrorWithoutAConfluentCodeStillCountsAsTheRegistryBeingUnavailable() throws IOException {
        // A proxy in front of the registry answers 503 with no body; Confluent itself may answer {"error_code":500}
        SchemaRegistryException proxy = failureOf(answering(503, ""));
        SchemaRegistryException generic = failureOf(answering(500, "{\"error_code\":500,\"message\":\"Internal Server Error\"}"));

        assertThat(proxy.errorCode()).isEqualTo(503);
        assertThat(proxy.registryUnavailable()).isTrue();
        assertThat(generic.errorCode()).isEqualTo(500);
        assertThat(generic.registryUnavailable()).isTrue();
    }

    @Test
    void anAnswerAboutTheRequestIsNotAnOutage() throws IOException {
        SchemaRegistryException notFound = failureOf(answering(404, "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}"));

        assertThat(notFound.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertThat(notFound.registryUnavailable()).isFalse();
        assertThat(new SchemaRegistryException("did not answer", new IOException("refused")).registryUnavailable()).isTrue();
    }

    private URI answering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static SchemaRegistryException failureOf(URI registry) {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(List.of(registry), Duration.ofSeconds(5));
        return catchThrowableOfType(SchemaRegistryException.class, () -> client.schemaById(7));
    }
}
