package io.newsflow.platform.registry;

import org.apache.avro.Schema;

/** A schema as the registry holds it under one subject. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
}
