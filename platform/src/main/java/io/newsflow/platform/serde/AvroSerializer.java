package io.newsflow.platform.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.newsflow.platform.registry.SchemaRegistryClient;
import io.newsflow.platform.registry.SchemaRegistryClients;
import io.newsflow.platform.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (specific or generic) in Confluent's wire format, registering or looking up the
 * record's schema under the {@code TopicNameStrategy} subject. A drop-in peer of Confluent's
 * {@code KafkaAvroSerializer}: same config names, same bytes.
 */
public final class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerializer() {
    }

    /** A configured serializer using the given registry client. */
    public AvroSerializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        this.registry = registry;
        this.config = AvroSerdeConfig.from(configs);
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        if (registry == null) {
            this.registry = SchemaRegistryClients.forUrl(config.schemaRegistryUrl());
        }
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null; // a tombstone stays a tombstone
        }
        Schema schema = record.getSchema();
        String subject = Subjects.topicNameStrategy(topic, isKey);
        int schemaId = schemaId(subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        WireFormat.writeHeader(schemaId, out);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, s -> writerFor(record)).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not serialize Avro record for topic " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String subject, Schema schema) {
        try {
            if (config.autoRegisterSchemas()) {
                return registry.register(subject, schema);
            }
            if (config.useLatestVersion()) {
                var latest = registry.latest(subject);
                if (SchemaNormalization.parsingFingerprint64(latest.schema()) != SchemaNormalization.parsingFingerprint64(schema)) {
                    throw new SerializationException("Record schema differs from the latest version of " + subject);
                }
                return latest.id();
            }
            return registry.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Schema registry refused schema for subject " + subject
                + " (error " + e.errorCode() + "): " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writerFor(IndexedRecord record) {
        if (record instanceof SpecificRecord) {
            // The record's own class carries the logical-type conversions its fields need.
            SpecificData model = SpecificData.getForClass(record.getClass());
            return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(record.getSchema(), model);
        }
        return new GenericDatumWriter<>(record.getSchema(), GenericData.get());
    }
}
