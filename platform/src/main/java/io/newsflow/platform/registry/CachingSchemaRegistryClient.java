package io.newsflow.platform.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;

/**
 * Remembers ids and schemas so the hot path of a serde never calls the registry: ids are immutable
 * once assigned, so (subject, schema) → id and id → schema can be cached forever. {@code latest} is not
 * cached because it changes when a subject evolves.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final SchemaRegistryClient delegate;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    public CachingSchemaRegistryClient(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> remember(delegate.register(subject, schema), schema));
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> remember(delegate.idOf(subject, schema), schema));
    }

    @Override
    public RegisteredSchema latest(String subject) {
        RegisteredSchema latest = delegate.latest(subject);
        remember(latest.id(), latest.schema());
        return latest;
    }

    @Override
    public Schema schemaById(int id) {
        return schemas.computeIfAbsent(id, delegate::schemaById);
    }

    private int remember(int id, Schema schema) {
        schemas.putIfAbsent(id, schema);
        return id;
    }
}
