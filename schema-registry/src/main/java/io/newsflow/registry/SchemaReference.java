package io.newsflow.registry;

/**
 * A named type imported from another registered schema: {@code name} is the Avro full name the
 * referencing schema uses, found in {@code subject} at {@code version}.
 */
public record SchemaReference(String name, String subject, int version) {
}
