package io.newsflow.registry;

import static io.newsflow.registry.Schemas.ARTICLE_V1;
import static io.newsflow.registry.Schemas.ARTICLE_WITHOUT_TITLE;
import static io.newsflow.registry.Schemas.ARTICLE_WITH_LANGUAGE_DEFAULT;
import static io.newsflow.registry.Schemas.ARTICLE_WITH_LANGUAGE_REQUIRED;
import static io.newsflow.registry.Schemas.PAGE_VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.registry.RegistryClient.Response;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compatibility levels as enforced on registration. The global level stays at the default BACKWARD
 * except inside {@link #subjectLevelOverridesTheGlobalLevel}, which restores it.
 */
class CompatibilityIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.embedded();

    private static SchemaRegistryServer registry;
    private static RegistryClient client;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start(RegistryConfig.forLocal(kafka.bootstrapServers(), 0));
        client = new RegistryClient(registry.url());
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void backwardRejectsANewFieldWithoutDefaultAndAcceptsOneWithDefault() {
        // Given a subject under the default BACKWARD level with v1
        client.registerOk("bw-value", ARTICLE_V1);

        // When a field without default is added
        Response rejected = client.register("bw-value", ARTICLE_WITH_LANGUAGE_REQUIRED);

        // Then it is refused with 409, because the new schema cannot read v1 data
        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.errorCode()).isEqualTo(409);
        assertThat(rejected.json().get("message").asText())
            .startsWith("Schema being registered is incompatible with an earlier schema for subject \"bw-value\"")
            .contains("language");

        // When the field comes with a default instead
        Response accepted = client.register("bw-value", ARTICLE_WITH_LANGUAGE_DEFAULT);

        // Then it becomes version 2
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(client.get("/subjects/bw-value/versions").json().toString()).isEqualTo("[1,2]");
    }

    @Test
    void backwardAllowsRemovingAFieldButForwardDoesNot() {
        // Given two subjects holding v1, one BACKWARD (default) and one FORWARD
        client.registerOk("rm-bw-value", ARTICLE_V1);
        client.registerOk("rm-fw-value", ARTICLE_V1);
        client.setCompatibility("rm-fw-value", "FORWARD");

        // When both drop the required title field
        Response backward = client.register("rm-bw-value", ARTICLE_WITHOUT_TITLE);
        Response forward = client.register("rm-fw-value", ARTICLE_WITHOUT_TITLE);

        // Then new readers cope (BACKWARD ok) but v1 readers would miss title (FORWARD refused)
        assertThat(backward.status()).isEqualTo(200);
        assertThat(forward.status()).isEqualTo(409);
        assertThat(forward.errorCode()).isEqualTo(409);
    }

    @Test
    void forwardAcceptsANewRequiredField() {
        // Given a FORWARD subject with v1
        client.registerOk("fw-value", ARTICLE_V1);
        client.setCompatibility("fw-value", "FORWARD");

        // When a required field is added: v1 readers simply ignore it
        Response response = client.register("fw-value", ARTICLE_WITH_LANGUAGE_REQUIRED);

        // Then it is accepted
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void fullNeedsBothDirections() {
        // Given a FULL subject with v1
        client.registerOk("full-value", ARTICLE_V1);
        client.setCompatibility("full-value", "FULL");

        // Then a required new field (not backward) and a removed required field (not forward) are refused
        assertThat(client.register("full-value", ARTICLE_WITH_LANGUAGE_REQUIRED).status()).isEqualTo(409);
        assertThat(client.register("full-value", ARTICLE_WITHOUT_TITLE).status()).isEqualTo(409);

        // And an optional field with a default, readable both ways, is accepted
        assertThat(client.register("full-value", ARTICLE_WITH_LANGUAGE_DEFAULT).status()).isEqualTo(200);
    }

    @Test
    void backwardTransitiveCatchesWhatPlainBackwardMisses() {
        // Given two subjects with the same history: v1 without language, v2 with language defaulting to "en"
        for (String subject : new String[] {"plain-value", "transitive-value"}) {
            client.registerOk(subject, ARTICLE_V1);
            client.registerOk(subject, ARTICLE_WITH_LANGUAGE_DEFAULT);
        }
        client.setCompatibility("transitive-value", "BACKWARD_TRANSITIVE");

        // When v3 drops the default: it reads v2 data (language present) but not v1 data (language missing)
        Response plain = client.register("plain-value", ARTICLE_WITH_LANGUAGE_REQUIRED);
        Response transitive = client.register("transitive-value", ARTICLE_WITH_LANGUAGE_REQUIRED);

        // Then BACKWARD, which checks only the latest version, accepts it; BACKWARD_TRANSITIVE refuses it
        assertThat(plain.status()).isEqualTo(200);
        assertThat(transitive.status()).isEqualTo(409);
        assertThat(transitive.json().get("message").asText()).contains("version 1");

        // And the compatibility endpoint without a version applies the same transitive rule
        Response check = client.post("/compatibility/subjects/transitive-value/versions?verbose=true",
            RegistryClient.schemaBody(ARTICLE_WITH_LANGUAGE_REQUIRED));
        assertThat(check.json().get("is_compatible").asBoolean()).isFalse();
    }

    @Test
    void softDeletedVersionsAreNotCheckedAgainst() {
        // Given a BACKWARD_TRANSITIVE subject whose v1 was soft-deleted
        client.registerOk("skipdel-value", ARTICLE_V1);
        client.registerOk("skipdel-value", ARTICLE_WITH_LANGUAGE_DEFAULT);
        client.setCompatibility("skipdel-value", "BACKWARD_TRANSITIVE");
        client.delete("/subjects/skipdel-value/versions/1");

        // When a schema incompatible only with v1 is registered
        Response response = client.register("skipdel-value", ARTICLE_WITH_LANGUAGE_REQUIRED);

        // Then it is accepted
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    @Test
    void noneAcceptsAnything() {
        // Given a NONE subject
        client.registerOk("none-value", ARTICLE_V1);
        client.setCompatibility("none-value", "NONE");

        // When an unrelated schema is registered
        Response response = client.register("none-value", PAGE_VIEW);

        // Then it becomes version 2
        assertThat(response.status()).isEqualTo(200);
        assertThat(client.get("/subjects/none-value/versions/latest").json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void subjectLevelOverridesTheGlobalLevel() {
        // Given two subjects with v1, and a global level of NONE
        client.registerOk("override-strict-value", ARTICLE_V1);
        client.registerOk("override-loose-value", ARTICLE_V1);
        try {
            assertThat(client.setCompatibility(null, "NONE").json().toString()).isEqualTo("{\"compatibility\":\"NONE\"}");
            assertThat(client.get("/config").json().toString()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");

            // And one subject pinned to FULL
            client.setCompatibility("override-strict-value", "FULL");

            // When both get an unrelated schema
            Response strict = client.register("override-strict-value", PAGE_VIEW);
            Response loose = client.register("override-loose-value", PAGE_VIEW);

            // Then only the subject without its own level follows the global NONE
            assertThat(strict.status()).isEqualTo(409);
            assertThat(loose.status()).isEqualTo(200);
        } finally {
            client.delete("/config");
        }
        assertThat(client.get("/config").json().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }
}
