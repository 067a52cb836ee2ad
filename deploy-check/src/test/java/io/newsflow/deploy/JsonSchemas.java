package io.newsflow.deploy;

import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** The vendored JSON schemas (src/test/resources/vendored, see its README for their origin), ready to validate. */
final class JsonSchemas {

    private JsonSchemas() {
    }

    /** The Compose Specification schema, as published by compose-spec/compose-spec. */
    static Schema composeSpec() {
        return load("vendored/compose-spec.json");
    }

    /** The AsyncAPI 3.0.0 document schema from {@code @asyncapi/specs}. */
    static Schema asyncApi300() {
        return load("vendored/asyncapi-3.0.0.json");
    }

    /** Every violation of {@code schema} by {@code document}, as readable lines; empty when it is valid. */
    static List<String> violations(Schema schema, JsonNode document) {
        String json;
        try {
            json = RepoFiles.JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** Loaded by its classpath location, so a relative {@code $id} such as Compose's resolves against it. */
    private static Schema load(String resource) {
        if (JsonSchemas.class.getClassLoader().getResource(resource) == null) {
            throw new IllegalStateException("Missing " + resource);
        }
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(SchemaLocation.of("classpath:" + resource));
    }
}
