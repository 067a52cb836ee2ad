package io.newsflow.registry;

import static io.newsflow.registry.Schemas.ARTICLE_V1;
import static io.newsflow.registry.Schemas.ARTICLE_WITH_LANGUAGE_DEFAULT;
import static io.newsflow.registry.Schemas.PAGE_VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.newsflow.registry.RegistryClient.Response;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** State lives in the topic: it survives restarts of the registry and of the broker. */
class DurabilityIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.embedded();

    @Test
    void idsVersionsAndConfigSurviveRegistryAndBrokerRestarts() {
        RegistryConfig config = RegistryConfig.forLocal(kafka.bootstrapServers(), 0)
            .with(RegistryConfig.KAFKASTORE_TOPIC_CONFIG, "_schemas_durability");
        int articleV1;
        int articleV2;
        int pageView;

        // Given a registry holding two subjects, a soft-deleted version and some configuration
        try (SchemaRegistryServer first = SchemaRegistryServer.start(config)) {
            RegistryClient client = new RegistryClient(first.url());
            articleV1 = client.registerOk("article-value", ARTICLE_V1);
            articleV2 = client.registerOk("article-value", ARTICLE_WITH_LANGUAGE_DEFAULT);
            pageView = client.registerOk("pageview-value", PAGE_VIEW);
            assertThat(client.registerOk("copy-value", ARTICLE_V1)).isEqualTo(articleV1);
            client.registerOk("copy-value", Schemas.ARTICLE_WITHOUT_TITLE);
            client.delete("/subjects/copy-value/versions/2");
            client.setCompatibility("article-value", "FULL");
            client.setCompatibility(null, "FORWARD");
        }

        // When the broker restarts and a new registry instance starts on the same topic
        kafka.restart();
        try (SchemaRegistryServer second = SchemaRegistryServer.start(config)) {
            RegistryClient client = new RegistryClient(second.url());

            // Then ids, versions, deletions and configuration are all back
            assertThat(client.get("/subjects/article-value/versions").json().toString()).isEqualTo("[1,2]");
            assertThat(client.get("/subjects/article-value/versions/1").json().get("id").asInt()).isEqualTo(articleV1);
            assertThat(client.get("/subjects/article-value/versions/2").json().get("id").asInt()).isEqualTo(articleV2);
            assertThat(client.get("/subjects/pageview-value/versions/latest").json().get("id").asInt())
                .isEqualTo(pageView);
            assertThat(client.get("/subjects/copy-value/versions").json().toString()).isEqualTo("[1]");
            assertThat(client.get("/subjects/copy-value/versions?deleted=true").json().toString()).isEqualTo("[1,2]");
            assertThat(client.get("/config/article-value").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(client.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FORWARD");
            assertThat(client.registerOk("article-value", ARTICLE_V1)).isEqualTo(articleV1);

            // And a new schema gets the next id: none is reused, not even the soft-deleted one's
            int maxBefore = client.get("/schemas/ids/" + articleV1 + "?fetchMaxId=true").json().get("maxId").asInt();
            int fresh = client.registerOk("fresh-value", Schemas.record("Fresh"));
            assertThat(maxBefore).isEqualTo(4);
            assertThat(fresh).isEqualTo(maxBefore + 1);
        }
    }

    @Test
    void aRunningRegistryKeepsWorkingAcrossABrokerRestart() {
        // Given a running registry with one schema
        RegistryConfig config = RegistryConfig.forLocal(kafka.bootstrapServers(), 0)
            .with(RegistryConfig.KAFKASTORE_TOPIC_CONFIG, "_schemas_live");
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(config)) {
            RegistryClient client = new RegistryClient(registry.url());
            int before = client.registerOk("live-value", Schemas.record("Before"));

            // When the broker restarts underneath it
            kafka.restart();

            // Then reads are served from memory at once, and writes succeed once the broker is back
            assertThat(client.get("/schemas/ids/" + before).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Response response = client.register("live-other-value", Schemas.record("After"));
                assertThat(response.status()).as(response.text()).isEqualTo(200);
                assertThat(response.json().get("id").asInt()).isEqualTo(before + 1);
            });
        }
    }
}
