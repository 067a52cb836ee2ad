package io.newsflow.platform.serde;

import java.util.Map;

import io.newsflow.platform.registry.SchemaRegistryClient;
import io.newsflow.platform.registry.SchemaRegistryClients;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one generated Avro type in Confluent's wire format, the counterpart of Confluent's
 * {@code SpecificAvroSerde}.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private AvroSerializer<T> serializer;
    private AvroDeserializer<T> deserializer;

    public AvroSerde(Class<T> type) {
        this.type = type;
    }

    /** A value serde already configured with the given serde settings. */
    public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, Map<String, ?> configs) {
        AvroSerde<T> serde = new AvroSerde<>(type);
        serde.configure(configs, false);
        return serde;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs);
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(config.schemaRegistryUrl());
        this.serializer = new AvroSerializer<>(registry, configs, isKey);
        this.deserializer = new AvroDeserializer<>(registry, configs, type);
    }

    @Override
    public Serializer<T> serializer() {
        return requireConfigured(serializer);
    }

    @Override
    public Deserializer<T> deserializer() {
        return requireConfigured(deserializer);
    }

    private <S> S requireConfigured(S part) {
        if (part == null) {
            throw new IllegalStateException("AvroSerde for " + type.getSimpleName() + " used before configure()");
        }
        return part;
    }
}
