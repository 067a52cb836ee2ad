package io.newsflow.platform.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.newsflow.platform.registry.SchemaRegistryClient;
import io.newsflow.platform.registry.SchemaRegistryClients;
import io.newsflow.platform.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro. The writer schema comes from the registry by the id in the frame; the
 * reader schema is the target class's when one is given or {@code specific.avro.reader=true}, so a
 * consumer keeps working while producers evolve the schema in a BACKWARD-compatible way.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

    private record ReaderKey(int writerId, Schema readerSchema) {
    }

    private final Class<? extends SpecificRecord> targetType;
    private SchemaRegistryClient registry;
    private boolean specificReader;
    private final Map<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroDeserializer() {
        this.targetType = null;
    }

    /** A configured deserializer producing {@code targetType}, whatever {@code specific.avro.reader} says. */
    public AvroDeserializer(SchemaRegistryClient registry, Map<String, ?> configs, Class<? extends SpecificRecord> targetType) {
        this.targetType = targetType;
        this.registry = registry;
        this.specificReader = true;
        AvroSerdeConfig.from(configs);
        TrustedAvroTypes.trustTypesOf(SpecificData.get().getSchema(targetType));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs);
        if (registry == null) {
            registry = SchemaRegistryClients.forUrl(config.schemaRegistryUrl());
        }
        specificReader = targetType != null || config.specificAvroReader();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        int schemaId = WireFormat.schemaId(payload);
        try {
            Schema writer = registry.schemaById(schemaId);
            Schema reader = readerSchema(writer);
            DatumReader<Object> datumReader = readers.computeIfAbsent(new ReaderKey(schemaId, reader),
                key -> readerFor(writer, reader));
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, WireFormat.HEADER_SIZE,
                payload.length - WireFormat.HEADER_SIZE, null);
            return (T) datumReader.read(null, decoder);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not resolve schema id " + schemaId + " for topic " + topic
                + " (error " + e.errorCode() + "): " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not deserialize Avro record with schema id " + schemaId
                + " from topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private Schema readerSchema(Schema writer) {
        if (targetType != null) {
            return SpecificData.get().getSchema(targetType);
        }
        if (specificReader) {
            trustGeneratedClassOf(writer);
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null) {
                throw new SerializationException("No generated class on the classpath for " + writer.getFullName()
                    + " although " + AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG + "=true");
            }
            return SpecificData.get().getSchema(generated);
        }
        return writer;
    }

    /**
     * With {@code specific.avro.reader=true} and no target type (a deserializer Kafka built from its class name, as
     * a plain consumer does), the writer schema names the class to decode into. Avro 1.12 refuses to load classes it
     * was not told to trust, so trust that class and the types it references if, and only if, it is a generated
     * Avro record ({@link SpecificRecord}); any other class stays forbidden. Loading it to look does not initialise it.
     */
    private static void trustGeneratedClassOf(Schema writer) {
        if (writer.getType() != Schema.Type.RECORD) {
            return;
        }
        try {
            Class<?> candidate = Class.forName(writer.getFullName(), false, AvroDeserializer.class.getClassLoader());
            if (SpecificRecord.class.isAssignableFrom(candidate)) {
                TrustedAvroTypes.trust(candidate.asSubclass(SpecificRecord.class));
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // No such class here: SpecificData finds none either, and readerSchema says so.
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<Object> readerFor(Schema writer, Schema reader) {
        if (specificReader) {
            return (DatumReader<Object>) (DatumReader<?>) new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
        }
        return new GenericDatumReader<>(writer, reader, GenericData.get());
    }
}
