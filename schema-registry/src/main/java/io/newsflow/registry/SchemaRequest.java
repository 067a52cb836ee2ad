package io.newsflow.registry;

import java.util.List;

/** The body of a register, lookup or compatibility request. */
record SchemaRequest(String schema, String schemaType, List<SchemaReference> references) {

    SchemaRequest {
        references = references == null ? List.of() : List.copyOf(references);
    }

    static SchemaRequest avro(String schema) {
        return new SchemaRequest(schema, null, List.of());
    }

    /** Confluent treats a missing schemaType as AVRO. */
    boolean isAvro() {
        return schemaType == null || schemaType.isBlank() || "AVRO".equalsIgnoreCase(schemaType.trim());
    }
}
