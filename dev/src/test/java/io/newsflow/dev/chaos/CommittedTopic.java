package io.newsflow.dev.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.newsflow.platform.kafka.TopicSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every committed record of a topic, as a {@code read_committed} consumer sees it: from the beginning to the last
 * stable offset of each partition, in no consumer group, committing nothing.
 */
final class CommittedTopic {

    private CommittedTopic() {
    }

    /** Values decoded with the project's Avro serde, from the registry; tombstones as null values. */
    static <V extends SpecificRecord> List<ConsumerRecord<String, V>> read(String bootstrapServers, String registryUrl,
                                                                         TopicSpec<V> topic) {
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl, "specific.avro.reader", "true");
        return read(bootstrapServers, topic.name(), topic.keySerde().deserializer(), topic.valueSerde(serde).deserializer());
    }

    /** Keys and values as bytes, for topics without a schema (dead letters). */
    static List<ConsumerRecord<byte[], byte[]>> readBytes(String bootstrapServers, String topic) {
        return read(bootstrapServers, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static <K, V> List<ConsumerRecord<K, V>> read(String bootstrapServers, String topic, Deserializer<K> keys,
                                                         Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
