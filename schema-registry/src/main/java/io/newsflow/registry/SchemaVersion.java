package io.newsflow.registry;

import java.util.List;
import java.util.Objects;

/**
 * One version of a subject: the value stored under a SCHEMA key in the log.
 *
 * @param schema     the Avro schema in its normalised string form (what Confluent calls the canonical string)
 * @param references named types this schema imports from other subjects; usually empty
 * @param deleted    soft-deleted: hidden from listings and compatibility checks, still resolvable by id
 */
public record SchemaVersion(String subject, int version, int id, String schema, List<SchemaReference> references,
                            boolean deleted) {

    public SchemaVersion {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        references = references == null ? List.of() : List.copyOf(references);
    }

    public SchemaVersion markDeleted() {
        return new SchemaVersion(subject, version, id, schema, references, true);
    }

    /** Two versions carry the same schema when text and references match; that decides id reuse. */
    public boolean sameSchemaAs(String otherSchema, List<SchemaReference> otherReferences) {
        return schema.equals(otherSchema) && references.equals(otherReferences);
    }
}
