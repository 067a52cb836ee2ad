package io.newsflow.platform.registry;

import org.apache.avro.Schema;

/**
 * The part of Confluent's Schema Registry REST API that a serde needs. Implementations: {@link
 * RestSchemaRegistryClient} for any Confluent-compatible server, {@link InMemorySchemaRegistry} for
 * {@code mock://} URLs in unit tests.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it already there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of {@code schema} if it is already registered under {@code subject}. */
    int idOf(String subject, Schema schema);

    /** The latest version registered under {@code subject}. */
    RegisteredSchema latest(String subject);

    /** The schema with a global id. */
    Schema schemaById(int id);
}
