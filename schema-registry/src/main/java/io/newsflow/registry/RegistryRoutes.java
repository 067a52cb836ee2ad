package io.newsflow.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API (the AVRO subset) mapped onto {@link SchemaRegistry}.
 *
 * <p>Requests are read as JSON whatever their content type; responses are always
 * {@value #CONTENT_TYPE}, errors included, and never carry a stack trace.
 */
final class RegistryRoutes {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger log = LoggerFactory.getLogger(RegistryRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry;

    RegistryRoutes(SchemaRegistry registry) {
        this.registry = registry;
    }

    void install(RoutesConfig routes) {
        routes.get("/", ctx -> respond(ctx, JSON.createObjectNode()));
        routes.get("/health", ctx -> respond(ctx, JSON.createObjectNode().put("status", "UP")));
        routes.get("/mode", ctx -> respond(ctx, mode()));
        routes.get("/mode/{subject}", ctx -> respond(ctx, mode()));

        routes.get("/schemas/types", ctx -> respond(ctx, JSON.createArrayNode().add("AVRO")));
        routes.get("/schemas/ids/{id}", this::getSchemaById);
        routes.get("/schemas/ids/{id}/schema", ctx -> respondRaw(ctx, registry.schemaById(id(ctx)).schema()));
        routes.get("/schemas/ids/{id}/subjects", this::getSubjectsOfId);
        routes.get("/schemas/ids/{id}/versions", this::getVersionsOfId);

        routes.get("/subjects", this::listSubjects);
        routes.post("/subjects/{subject}", this::lookup);
        routes.delete("/subjects/{subject}", ctx -> respond(ctx, JSON.valueToTree(
            registry.deleteSubject(subject(ctx), flag(ctx, "permanent")))));
        routes.get("/subjects/{subject}/versions", ctx -> respond(ctx, JSON.valueToTree(
            registry.versionNumbers(subject(ctx), flag(ctx, "deleted")))));
        routes.post("/subjects/{subject}/versions", this::register);
        routes.get("/subjects/{subject}/versions/{version}", ctx -> respond(ctx, versionJson(
            registry.version(subject(ctx), version(ctx), flag(ctx, "deleted")))));
        routes.delete("/subjects/{subject}/versions/{version}", ctx -> respond(ctx, JSON.valueToTree(
            registry.deleteVersion(subject(ctx), version(ctx), flag(ctx, "permanent")))));
        routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> respondRaw(ctx,
            registry.version(subject(ctx), version(ctx), flag(ctx, "deleted")).schema()));
        routes.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> respond(ctx, JSON.valueToTree(
            registry.referencedBy(subject(ctx), version(ctx)))));

        routes.post("/compatibility/subjects/{subject}/versions", ctx -> checkCompatibility(ctx, null));
        routes.post("/compatibility/subjects/{subject}/versions/{version}",
            ctx -> checkCompatibility(ctx, version(ctx)));

        routes.get("/config", ctx -> respond(ctx, levelJson("compatibilityLevel", registry.globalLevel())));
        routes.put("/config", ctx -> respond(ctx, levelJson("compatibility",
            registry.setLevel(null, requestedLevel(ctx)))));
        routes.delete("/config", ctx -> respond(ctx, levelJson("compatibilityLevel", registry.deleteLevel(null))));
        routes.get("/config/{subject}", this::getSubjectConfig);
        routes.put("/config/{subject}", ctx -> respond(ctx, levelJson("compatibility",
            registry.setLevel(subject(ctx), requestedLevel(ctx)))));
        routes.delete("/config/{subject}", ctx -> respond(ctx, levelJson("compatibilityLevel",
            registry.deleteLevel(subject(ctx)))));

        routes.exception(RegistryException.class, (e, ctx) -> {
            if (e.httpStatus() >= 500) {
                log.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
            }
            respondError(ctx, e.httpStatus(), e.errorCode(), e.getMessage());
        });
        // Javalin's own 404 (no such route), 405 and friends.
        routes.exception(HttpResponseException.class,
            (e, ctx) -> respondError(ctx, e.getStatus(), e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed unexpectedly", ctx.method(), ctx.path(), e);
            respondError(ctx, 500, 500, "Internal server error");
        });
    }

    // ---------------------------------------------------------------- handlers

    private void register(Context ctx) {
        int id = registry.register(subject(ctx), schemaRequest(ctx));
        respond(ctx, JSON.createObjectNode().put("id", id));
    }

    private void lookup(Context ctx) {
        respond(ctx, versionJson(registry.lookup(subject(ctx), schemaRequest(ctx), flag(ctx, "deleted"))));
    }

    private void checkCompatibility(Context ctx, Integer version) {
        CompatibilityResult result = registry.checkCompatibility(subject(ctx), version, schemaRequest(ctx));
        ObjectNode body = JSON.createObjectNode().put("is_compatible", result.compatible());
        if (flag(ctx, "verbose")) {
            body.set("messages", JSON.valueToTree(result.messages()));
        }
        respond(ctx, body);
    }

    private void listSubjects(Context ctx) {
        String prefix = ctx.queryParam("subjectPrefix");
        List<String> subjects = registry.subjects(flag(ctx, "deleted")).stream()
            .filter(subject -> prefix == null || subject.startsWith(prefix))
            .toList();
        respond(ctx, JSON.valueToTree(subjects));
    }

    private void getSchemaById(Context ctx) {
        SchemaVersion version = registry.schemaById(id(ctx));
        // Confluent adds "schemaType" only for non-AVRO schemas, so it is never present here.
        ObjectNode body = JSON.createObjectNode().put("schema", version.schema());
        addReferences(body, version);
        if (flag(ctx, "fetchMaxId")) {
            body.put("maxId", registry.maxId());
        }
        respond(ctx, body);
    }

    private void getSubjectsOfId(Context ctx) {
        List<String> subjects = registry.versionsWithId(id(ctx), flag(ctx, "deleted")).stream()
            .map(SchemaVersion::subject).distinct().toList();
        respond(ctx, JSON.valueToTree(subjects));
    }

    private void getVersionsOfId(Context ctx) {
        ArrayNode body = JSON.createArrayNode();
        for (SchemaVersion version : registry.versionsWithId(id(ctx), flag(ctx, "deleted"))) {
            body.addObject().put("subject", version.subject()).put("version", version.version());
        }
        respond(ctx, body);
    }

    private void getSubjectConfig(Context ctx) {
        String subject = subject(ctx);
        CompatibilityLevel level = registry.subjectLevel(subject)
            .or(() -> flag(ctx, "defaultToGlobal") ? Optional.of(registry.globalLevel()) : Optional.empty())
            .orElseThrow(() -> RegistryException.subjectCompatibilityNotConfigured(subject));
        respond(ctx, levelJson("compatibilityLevel", level));
    }

    // ---------------------------------------------------------------- request parsing

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static int version(Context ctx) {
        return SchemaRegistry.parseVersion(ctx.pathParam("version"));
    }

    private static int id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
        }
    }

    private static boolean flag(Context ctx, String name) {
        return "true".equalsIgnoreCase(ctx.queryParam(name));
    }

    private static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RegistryException(400, 400, "Request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static SchemaRequest schemaRequest(Context ctx) {
        JsonNode body = body(ctx);
        JsonNode schema = body.path("schema");
        if (!schema.isTextual()) {
            throw RegistryException.invalidSchema("the request needs a \"schema\" field holding the schema as a "
                + "JSON string");
        }
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode reference : body.path("references")) {
            references.add(new SchemaReference(reference.path("name").asText(null),
                reference.path("subject").asText(null), reference.path("version").asInt(SchemaRegistry.LATEST)));
        }
        return new SchemaRequest(schema.asText(), body.path("schemaType").asText(null), references);
    }

    private static String requestedLevel(Context ctx) {
        JsonNode level = body(ctx).path("compatibility");
        return level.isTextual() ? level.asText() : level.toString();
    }

    // ---------------------------------------------------------------- responses

    private static ObjectNode mode() {
        return JSON.createObjectNode().put("mode", "READWRITE");
    }

    private static ObjectNode levelJson(String field, CompatibilityLevel level) {
        return JSON.createObjectNode().put(field, level.name());
    }

    private static ObjectNode versionJson(SchemaVersion version) {
        ObjectNode body = JSON.createObjectNode()
            .put("subject", version.subject())
            .put("version", version.version())
            .put("id", version.id())
            .put("schema", version.schema());
        addReferences(body, version);
        return body;
    }

    private static void addReferences(ObjectNode body, SchemaVersion version) {
        if (!version.references().isEmpty()) {
            body.set("references", JSON.valueToTree(version.references()));
        }
    }

    private static void respond(Context ctx, JsonNode body) {
        try {
            respondRaw(ctx, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respondRaw(Context ctx, String body) {
        ctx.contentType(CONTENT_TYPE).result(body);
    }

    private static void respondError(Context ctx, int status, int errorCode, String message) {
        ObjectNode body = JSON.createObjectNode().put("error_code", errorCode).put("message", message);
        ctx.status(status);
        respond(ctx, body);
    }
}
