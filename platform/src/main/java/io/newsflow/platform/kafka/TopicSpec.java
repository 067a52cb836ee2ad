package io.newsflow.platform.kafka;

import java.util.Map;

import io.newsflow.platform.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One Newsflow topic: its name, the Avro type of its values, and the topic-level configs it is created
 * with. Keys are always the story id as a UTF-8 string, so every version of a story lands in one
 * partition and is seen in order.
 */
public record TopicSpec<V extends SpecificRecord>(String name, Class<V> valueType, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** The value serde, configured with Confluent-style serde settings ({@code schema.registry.url}, ...). */
    public AvroSerde<V> valueSerde(Map<String, ?> serdeConfigs) {
        return AvroSerde.forValues(valueType, serdeConfigs);
    }
}
