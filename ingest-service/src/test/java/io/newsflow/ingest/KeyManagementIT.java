package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.ingest.auth.ApiKey;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Editors with the manage-keys role create, list and revoke their own desk's keys; the keys survive a restart. */
class KeyManagementIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.embedded();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KYIV_ADMIN = ApiKey.newToken("kyiv-admin");
    private static final String LVIV_ADMIN = ApiKey.newToken("lviv-admin");

    private static SchemaRegistryServer registry;
    private final HttpClient http = HttpClient.newHttpClient();
    private IngestApp app;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start(RegistryConfig.forLocal(kafka.bootstrapServers(), 0));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void startIngest() {
        app = startApp();
    }

    @AfterEach
    void stopIngest() {
        app.close();
    }

    @Test
    void aDeskManagerCreatesAKeyThatWorksUntilItIsRevokedAndSurvivesRestarts() throws Exception {
        // Given a manager of the Kyiv desk, when they create a reporter key with the push role
        HttpResponse<String> created = send("POST", "/keys", KYIV_ADMIN, "{\"keyId\":\"kyiv-reporter\",\"roles\":[\"push\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode key = JSON.readTree(created.body());
        String token = key.get("token").asText();
        assertThat(key.get("desk").asText()).isEqualTo("kyiv");
        assertThat(token).startsWith("nfk_kyiv-reporter_");

        // Then the new key can push a story
        assertThat(send("POST", "/articles", token, SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS)).statusCode()).isEqualTo(202);

        // and the desk's key list shows it without any secret
        HttpResponse<String> listed = send("GET", "/keys", KYIV_ADMIN, null);
        assertThat(listed.body()).contains("kyiv-reporter").contains("kyiv-admin").doesNotContain(token).doesNotContain(ApiKey.hash(token));
        assertThat(listed.body()).doesNotContain("lviv-admin");

        // When ingest-service restarts, the key still works
        app.close();
        app = startApp();
        assertThat(send("POST", "/articles", token, SampleStories.json(SampleStories.AUSTIN_TEXAS_TRANSIT)).statusCode()).isEqualTo(202);

        // Another desk's manager may not revoke it, and a configured key cannot be revoked over the API
        assertThat(send("DELETE", "/keys/kyiv-reporter", LVIV_ADMIN, null).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/keys/kyiv-admin", KYIV_ADMIN, null).statusCode()).isEqualTo(409);

        // When the Kyiv manager revokes it, it stops working, also after a restart
        assertThat(send("DELETE", "/keys/kyiv-reporter", KYIV_ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/articles", token, SampleStories.json(SampleStories.AUSTIN_TEXAS_TRANSIT)).statusCode()).isEqualTo(401);
        app.close();
        app = startApp();
        assertThat(send("POST", "/articles", token, SampleStories.json(SampleStories.AUSTIN_TEXAS_TRANSIT)).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyKeysWithTheManageKeysRoleManageKeys() throws Exception {
        HttpResponse<String> created = send("POST", "/keys", KYIV_ADMIN, "{\"keyId\":\"kyiv-pusher\",\"roles\":[\"push\",\"update\"]}");
        String pusher = JSON.readTree(created.body()).get("token").asText();

        assertThat(send("POST", "/keys", pusher, "{\"keyId\":\"sneaky\",\"roles\":[\"kill\"]}").statusCode()).isEqualTo(403);
        assertThat(send("GET", "/keys", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/keys", KYIV_ADMIN, "{\"keyId\":\"bad role\",\"roles\":[\"push\"]}").statusCode()).isEqualTo(422);
        assertThat(send("POST", "/keys", KYIV_ADMIN, "{\"keyId\":\"ok\",\"roles\":[\"emperor\"]}").statusCode()).isEqualTo(422);
        // and a manager grants only roles it holds itself: the Kyiv admin cannot edit the shared dictionary
        HttpResponse<String> escalation = send("POST", "/keys", KYIV_ADMIN, "{\"keyId\":\"kyiv-lexicographer\",\"roles\":[\"edit-dictionary\"]}");
        assertThat(escalation.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(escalation.body()).get("detail").asText()).contains("edit-dictionary");
    }

    private IngestApp startApp() {
        String keys = "kyiv-admin kyiv push,update,kill,reinstate,manage-keys " + ApiKey.hash(KYIV_ADMIN)
            + ";lviv-admin lviv push,manage-keys " + ApiKey.hash(LVIV_ADMIN);
        IngestApp started = new IngestApp(IngestConfig.load(Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "schema.registry.url", registry.url().toString(),
            "http.port", "0",
            "auth.enabled", "true",
            "auth.keys", keys,
            "ingest.transactional.id", "key-management-it")));
        started.start();
        return started;
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
