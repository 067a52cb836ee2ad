package io.newsflow.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.registry.LogRecord.ConfigRecord;
import io.newsflow.registry.LogRecord.DeleteSubjectRecord;
import io.newsflow.registry.LogRecord.SchemaRecord;

/**
 * JSON encoding of {@link LogRecord}s, shaped like Confluent's {@code _schemas} topic.
 *
 * <p>Keys are written with a fixed field order, so the same logical key always has the same bytes; log
 * compaction depends on that.
 */
final class LogCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogCodec() {
    }

    static byte[] key(LogRecord record) {
        ObjectNode key = JSON.createObjectNode();
        if (record instanceof SchemaRecord schema) {
            key.put("keytype", "SCHEMA");
            key.put("subject", schema.subject());
            key.put("version", schema.version());
            key.put("magic", 1);
        } else if (record instanceof ConfigRecord config) {
            key.put("keytype", "CONFIG");
            key.put("subject", config.subject());
            key.put("magic", 0);
        } else if (record instanceof DeleteSubjectRecord delete) {
            key.put("keytype", "DELETE_SUBJECT");
            key.put("subject", delete.subject());
            key.put("magic", 0);
        }
        return bytes(key);
    }

    /** The record's value, or null for a tombstone. */
    static byte[] value(LogRecord record) {
        if (record instanceof SchemaRecord schema) {
            return schema.value() == null ? null : bytes(schemaValue(schema.value()));
        }
        ObjectNode value = JSON.createObjectNode();
        if (record instanceof ConfigRecord config) {
            if (config.level() == null) {
                return null;
            }
            value.put("compatibilityLevel", config.level().name());
        } else if (record instanceof DeleteSubjectRecord delete) {
            value.put("subject", delete.subject());
            value.put("version", delete.version());
        }
        return bytes(value);
    }

    private static ObjectNode schemaValue(SchemaVersion version) {
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", version.subject());
        value.put("version", version.version());
        value.put("id", version.id());
        value.put("schema", version.schema());
        value.put("deleted", version.deleted());
        if (!version.references().isEmpty()) {
            ArrayNode references = value.putArray("references");
            for (SchemaReference reference : version.references()) {
                references.addObject()
                    .put("name", reference.name())
                    .put("subject", reference.subject())
                    .put("version", reference.version());
            }
        }
        return value;
    }

    /**
     * Decodes one topic record. Empty for key types this registry does not use (Confluent also writes
     * NOOP, MODE and others); throws {@link IllegalArgumentException} for malformed JSON.
     */
    static Optional<LogRecord> decode(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = tree(keyBytes);
        JsonNode value = valueBytes == null ? null : tree(valueBytes);
        String subject = key.path("subject").isTextual() ? key.get("subject").asText() : null;
        switch (key.path("keytype").asText("")) {
            case "SCHEMA" -> {
                int version = key.path("version").asInt();
                if (value == null) {
                    return Optional.of(SchemaRecord.tombstone(subject, version));
                }
                SchemaVersion schema = new SchemaVersion(subject, version, value.path("id").asInt(),
                    value.path("schema").asText(), references(value.path("references")),
                    value.path("deleted").asBoolean(false));
                return Optional.of(new SchemaRecord(subject, version, schema));
            }
            case "CONFIG" -> {
                CompatibilityLevel level = value == null ? null
                    : CompatibilityLevel.parse(value.path("compatibilityLevel").asText(null)).orElse(null);
                return Optional.of(new ConfigRecord(subject, level));
            }
            case "DELETE_SUBJECT" -> {
                return value == null ? Optional.empty()
                    : Optional.of(new DeleteSubjectRecord(subject, value.path("version").asInt()));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static List<SchemaReference> references(JsonNode array) {
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode node : array) {
            references.add(new SchemaReference(node.path("name").asText(), node.path("subject").asText(),
                node.path("version").asInt()));
        }
        return references;
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("Malformed registry log record: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
