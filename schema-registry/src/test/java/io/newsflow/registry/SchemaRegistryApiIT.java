package io.newsflow.registry;

import static io.newsflow.registry.Schemas.ARTICLE_V1;
import static io.newsflow.registry.Schemas.ARTICLE_V1_REFORMATTED;
import static io.newsflow.registry.Schemas.ARTICLE_WITH_LANGUAGE_DEFAULT;
import static io.newsflow.registry.Schemas.PAGE_VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.registry.RegistryClient.Response;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST API end to end, against a real broker. Each test uses its own subjects. */
class SchemaRegistryApiIT {

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
    void registersASchemaAndServesItBackByVersion() {
        // Given an empty subject
        // When a schema is registered
        Response registered = client.register("reg-value", ARTICLE_V1);

        // Then it gets an id, and version 1 of the subject holds it
        assertThat(registered.status()).isEqualTo(200);
        int id = registered.json().get("id").asInt();
        assertThat(id).isPositive();
        assertThat(client.get("/subjects/reg-value/versions").json()).isEqualTo(json("[1]"));
        for (String version : List.of("1", "latest", "-1")) {
            JsonNode body = client.get("/subjects/reg-value/versions/" + version).json();
            assertThat(body.get("subject").asText()).isEqualTo("reg-value");
            assertThat(body.get("version").asInt()).isEqualTo(1);
            assertThat(body.get("id").asInt()).isEqualTo(id);
            assertThat(parse(body.get("schema").asText())).isEqualTo(parse(ARTICLE_V1));
        }
        Response raw = client.get("/subjects/reg-value/versions/1/schema");
        assertThat(parse(raw.text())).isEqualTo(parse(ARTICLE_V1));
        assertThat(client.get("/subjects").json()).contains(json("\"reg-value\""));
        assertThat(client.get("/subjects?subjectPrefix=reg-").json()).isEqualTo(json("[\"reg-value\"]"));
    }

    @Test
    void registeringTheSameSchemaAgainIsIdempotent() {
        // Given a registered schema
        int id = client.registerOk("idem-value", ARTICLE_V1);

        // When the same schema is registered again, differently formatted
        int again = client.registerOk("idem-value", ARTICLE_V1_REFORMATTED);

        // Then the id is the same and no new version appears
        assertThat(again).isEqualTo(id);
        assertThat(client.get("/subjects/idem-value/versions").json()).isEqualTo(json("[1]"));
    }

    @Test
    void theSameSchemaUnderAnotherSubjectGetsTheSameGlobalId() {
        // Given a schema registered under one subject
        int id = client.registerOk("shared-a-value", PAGE_VIEW);

        // When it is registered under another subject
        int other = client.registerOk("shared-b-value", PAGE_VIEW);

        // Then both subjects point at one global id, which lists both
        assertThat(other).isEqualTo(id);
        assertThat(client.get("/schemas/ids/" + id + "/versions").json()).isEqualTo(json(
            "[{\"subject\":\"shared-a-value\",\"version\":1},{\"subject\":\"shared-b-value\",\"version\":1}]"));
        assertThat(client.get("/schemas/ids/" + id + "/subjects").json())
            .isEqualTo(json("[\"shared-a-value\",\"shared-b-value\"]"));
    }

    @Test
    void fetchesASchemaById() {
        // Given a registered schema
        int id = client.registerOk("byid-value", Schemas.record("ById"));

        // When it is fetched by id, with the query parameters Confluent clients add
        Response response = client.get("/schemas/ids/" + id + "?subject=byid-value&fetchMaxId=true");

        // Then the body holds the schema, no schemaType (AVRO is implied), and the highest id
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(parse(body.get("schema").asText())).isEqualTo(parse(Schemas.record("ById")));
        assertThat(body.has("schemaType")).isFalse();
        assertThat(body.get("maxId").asInt()).isGreaterThanOrEqualTo(id);
        assertThat(parse(client.get("/schemas/ids/" + id + "/schema").text()))
            .isEqualTo(parse(Schemas.record("ById")));
    }

    @Test
    void looksUpWhichVersionHoldsASchema() {
        // Given two versions of a subject
        int v1 = client.registerOk("lookup-value", ARTICLE_V1);
        int v2 = client.registerOk("lookup-value", ARTICLE_WITH_LANGUAGE_DEFAULT);

        // When each schema is looked up (one of them reformatted)
        JsonNode first = client.post("/subjects/lookup-value?normalize=false",
            RegistryClient.schemaBody(ARTICLE_V1_REFORMATTED)).json();
        JsonNode second = client.post("/subjects/lookup-value",
            RegistryClient.schemaBody(ARTICLE_WITH_LANGUAGE_DEFAULT)).json();

        // Then subject, id, version and schema come back
        assertThat(first.get("subject").asText()).isEqualTo("lookup-value");
        assertThat(first.get("id").asInt()).isEqualTo(v1);
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(parse(first.get("schema").asText())).isEqualTo(parse(ARTICLE_V1));
        assertThat(second.get("id").asInt()).isEqualTo(v2);
        assertThat(second.get("version").asInt()).isEqualTo(2);

        // And an unknown schema or subject is reported with Confluent's codes
        Response unknownSchema = client.post("/subjects/lookup-value", RegistryClient.schemaBody(PAGE_VIEW));
        assertThat(unknownSchema.status()).isEqualTo(404);
        assertThat(unknownSchema.errorCode()).isEqualTo(40403);
        Response unknownSubject = client.post("/subjects/lookup-nope", RegistryClient.schemaBody(PAGE_VIEW));
        assertThat(unknownSubject.status()).isEqualTo(404);
        assertThat(unknownSubject.errorCode()).isEqualTo(40401);
    }

    @Test
    void compatibilityEndpointAnswersWithoutRegistering() {
        // Given a subject with one version
        client.registerOk("compat-endpoint-value", ARTICLE_V1);

        // When a compatible and an incompatible candidate are tested against the latest version
        Response ok = client.post("/compatibility/subjects/compat-endpoint-value/versions/latest",
            RegistryClient.schemaBody(ARTICLE_WITH_LANGUAGE_DEFAULT));
        Response bad = client.post("/compatibility/subjects/compat-endpoint-value/versions/1?verbose=true",
            RegistryClient.schemaBody(Schemas.ARTICLE_WITH_LANGUAGE_REQUIRED));

        // Then only the compatible one passes, verbose mode explains why, and nothing was registered
        assertThat(ok.json()).isEqualTo(json("{\"is_compatible\":true}"));
        assertThat(bad.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(bad.json().get("messages").toString()).contains("language");
        assertThat(client.get("/subjects/compat-endpoint-value/versions").json()).isEqualTo(json("[1]"));

        // And a subject without versions accepts anything
        assertThat(client.post("/compatibility/subjects/compat-empty-value/versions/latest",
            RegistryClient.schemaBody(PAGE_VIEW)).json()).isEqualTo(json("{\"is_compatible\":true}"));
    }

    @Test
    void reportsConfluentErrorCodes() {
        // Given a subject with one version
        client.registerOk("errors-value", ARTICLE_V1);

        // Then each kind of failure carries its Confluent status and error code
        assertError(client.get("/subjects/errors-nope/versions"), 404, 40401);
        assertError(client.get("/subjects/errors-nope/versions/1"), 404, 40401);
        assertError(client.get("/subjects/errors-value/versions/7"), 404, 40402);
        assertError(client.get("/schemas/ids/987654"), 404, 40403);
        assertError(client.register("errors-value", "{\"type\":\"record\",\"name\":\"Broken\"}"), 422, 42201);
        assertError(client.register("errors-value", "not json at all"), 422, 42201);
        assertError(client.post("/subjects/errors-value/versions", "{\"schemaType\":\"AVRO\"}"), 422, 42201);
        assertError(client.get("/subjects/errors-value/versions/0"), 422, 42202);
        assertError(client.get("/subjects/errors-value/versions/first"), 422, 42202);
        assertError(client.setCompatibility("errors-value", "SIDEWAYS"), 422, 42203);
        assertError(client.setCompatibility(null, "SIDEWAYS"), 422, 42203);
        assertError(client.get("/config/errors-value"), 404, 40408);

        // And the message is prose, never a stack trace
        Response invalid = client.register("errors-value", "{\"type\":\"record\"}");
        assertThat(invalid.json().get("message").asText()).startsWith("Invalid schema").doesNotContain("\tat ");
    }

    @Test
    void rejectsSchemaTypesOtherThanAvro() {
        // When a Protobuf schema is registered
        Response response = client.post("/subjects/proto-value/versions",
            "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\"; message M {}\"}");

        // Then it is refused with a clear explanation
        assertError(response, 422, 42201);
        assertThat(response.json().get("message").asText()).contains("PROTOBUF").contains("AVRO");
    }

    @Test
    void acceptsTheRequestMediaTypesConfluentClientsSend() {
        // Given the three media types Confluent accepts
        for (String type : List.of("application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
            "application/json")) {
            // When a schema is registered with each
            Response response = client.post("/subjects/media-value/versions?normalize=true",
                "{\"schema\":" + RegistryClient.JSON.valueToTree(ARTICLE_V1) + ",\"schemaType\":\"AVRO\","
                    + "\"references\":[]}", type);

            // Then each one works
            assertThat(response.status()).as(type).isEqualTo(200);
        }
    }

    @Test
    void everyResponseUsesTheRegistryContentType() {
        int id = client.registerOk("ctype-value", ARTICLE_V1);
        for (Response response : List.of(client.get("/"), client.get("/subjects"), client.get("/schemas/ids/" + id),
            client.get("/subjects/ctype-value/versions/1/schema"), client.get("/config"), client.get("/mode"),
            client.get("/subjects/ctype-nope/versions"), client.get("/no/such/route"))) {
            assertThat(response.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
        }
    }

    @Test
    void servesTheSmallEndpointsClientsProbe() {
        assertThat(client.get("/").json()).isEqualTo(json("{}"));
        assertThat(client.get("/mode").json()).isEqualTo(json("{\"mode\":\"READWRITE\"}"));
        assertThat(client.get("/schemas/types").json()).isEqualTo(json("[\"AVRO\"]"));
        assertThat(client.get("/health").status()).isEqualTo(200);
        assertThat(client.get("/config").json()).isEqualTo(json("{\"compatibilityLevel\":\"BACKWARD\"}"));
    }

    @Test
    void unknownRoutesAndMethodsGetJsonErrors() {
        Response notFound = client.get("/no/such/route");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.errorCode()).isEqualTo(404);

        Response notAllowed = client.method("PATCH", "/subjects");
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.errorCode()).isEqualTo(405);
    }

    @Test
    void subjectConfigCanBeSetReadAndRemoved() {
        // Given a subject without its own level
        assertError(client.get("/config/cfg-value"), 404, 40408);
        assertThat(client.get("/config/cfg-value?defaultToGlobal=true").json())
            .isEqualTo(json("{\"compatibilityLevel\":\"BACKWARD\"}"));

        // When a level is set (in lower case, which Confluent accepts too)
        Response put = client.setCompatibility("cfg-value", "full_transitive");

        // Then it is echoed and readable, and removing it restores the fallback
        assertThat(put.json()).isEqualTo(json("{\"compatibility\":\"FULL_TRANSITIVE\"}"));
        assertThat(client.get("/config/cfg-value").json())
            .isEqualTo(json("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}"));
        assertThat(client.delete("/config/cfg-value").json())
            .isEqualTo(json("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}"));
        assertError(client.get("/config/cfg-value"), 404, 40408);
    }

    @Test
    void softDeletedVersionsDisappearFromListingsButIdsStillResolve() {
        // Given a subject with two versions
        int v1 = client.registerOk("del-value", ARTICLE_V1);
        client.registerOk("del-value", ARTICLE_WITH_LANGUAGE_DEFAULT);

        // When version 1 is soft-deleted
        assertThat(client.delete("/subjects/del-value/versions/1").json().asInt()).isEqualTo(1);

        // Then it is gone from listings but its id still resolves
        assertThat(client.get("/subjects/del-value/versions").json()).isEqualTo(json("[2]"));
        assertThat(client.get("/subjects/del-value/versions?deleted=true").json()).isEqualTo(json("[1,2]"));
        assertError(client.get("/subjects/del-value/versions/1"), 404, 40402);
        assertThat(client.get("/schemas/ids/" + v1).status()).isEqualTo(200);
        assertError(client.delete("/subjects/del-value/versions/1"), 404, 40406);

        // When the whole subject is soft-deleted
        assertThat(client.delete("/subjects/del-value").json()).isEqualTo(json("[2]"));

        // Then it is no longer listed, and a second soft delete is refused
        assertThat(client.get("/subjects").json()).doesNotContain(json("\"del-value\""));
        assertThat(client.get("/subjects?deleted=true").json()).contains(json("\"del-value\""));
        assertError(client.get("/subjects/del-value/versions"), 404, 40401);
        assertError(client.delete("/subjects/del-value"), 404, 40404);

        // When it is deleted permanently
        assertThat(client.delete("/subjects/del-value?permanent=true").json()).isEqualTo(json("[1,2]"));

        // Then nothing of it remains
        assertThat(client.get("/subjects?deleted=true").json()).doesNotContain(json("\"del-value\""));
    }

    @Test
    void permanentDeleteRequiresASoftDeleteFirst() {
        client.registerOk("harddel-value", ARTICLE_V1);

        assertError(client.delete("/subjects/harddel-value?permanent=true"), 404, 40405);
        assertError(client.delete("/subjects/harddel-value/versions/1?permanent=true"), 404, 40407);

        assertThat(client.delete("/subjects/harddel-value/versions/latest").json().asInt()).isEqualTo(1);
        assertThat(client.delete("/subjects/harddel-value/versions/1?permanent=true").json().asInt()).isEqualTo(1);
        assertError(client.get("/subjects/harddel-value/versions?deleted=true"), 404, 40401);
    }

    @Test
    void registeringAfterASoftDeleteStartsANewVersionWithTheOldId() {
        // Given a subject whose only version was soft-deleted
        int id = client.registerOk("revive-value", Schemas.record("Revive"));
        client.delete("/subjects/revive-value");

        // When the same schema is registered again
        int again = client.registerOk("revive-value", Schemas.record("Revive"));

        // Then it keeps its global id and becomes version 2
        assertThat(again).isEqualTo(id);
        assertThat(client.get("/subjects/revive-value/versions").json()).isEqualTo(json("[2]"));
    }

    @Test
    void schemasCanReferenceTypesFromOtherSubjects() {
        // Given an Author record in its own subject
        String author = "{\"type\":\"record\",\"name\":\"Author\",\"namespace\":\"io.newsflow.ref\","
            + "\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";
        client.registerOk("ref-author", author);

        // When a Story schema using that type is registered with a reference
        String story = "{\"type\":\"record\",\"name\":\"Story\",\"namespace\":\"io.newsflow.ref\","
            + "\"fields\":[{\"name\":\"by\",\"type\":\"io.newsflow.ref.Author\"}]}";
        String body = "{\"schema\":" + RegistryClient.JSON.valueToTree(story) + ",\"references\":"
            + "[{\"name\":\"io.newsflow.ref.Author\",\"subject\":\"ref-author\",\"version\":1}]}";
        Response registered = client.post("/subjects/ref-story/versions", body);

        // Then it is accepted, the reference is kept, and the referenced version cannot be deleted
        assertThat(registered.status()).as(registered.text()).isEqualTo(200);
        int id = registered.json().get("id").asInt();
        assertThat(client.get("/schemas/ids/" + id).json().get("references").get(0).get("subject").asText())
            .isEqualTo("ref-author");
        assertThat(client.get("/subjects/ref-author/versions/1/referencedby").json()).isEqualTo(json("[" + id + "]"));
        assertError(client.delete("/subjects/ref-author/versions/1"), 422, 42206);

        // And without the reference the same schema does not parse
        assertError(client.register("ref-other", story), 422, 42201);
    }

    private static void assertError(Response response, int status, int errorCode) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.text()).isEqualTo(errorCode);
        assertThat(response.json().get("message").asText()).isNotBlank();
    }

    private static JsonNode json(String text) {
        try {
            return RegistryClient.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }
}
