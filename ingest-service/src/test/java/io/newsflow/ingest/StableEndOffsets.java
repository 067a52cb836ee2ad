package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a topic holds for read-committed readers, once every transaction written to it so far has settled.
 *
 * <p>A producer's {@code commitTransaction} returns once the coordinator has decided, and the commit markers reach
 * the partitions a moment later; only then do the read-committed end offsets (the last stable offsets) move. A test
 * that takes them right after ingest answered 202 can therefore see a story's own record and marker arrive later and
 * mistake them for a publication it was checking did not happen. So this waits until every partition's stable offset
 * has caught up with its end offset: nothing is in flight.
 */
final class StableEndOffsets {

    private StableEndOffsets() {
    }

    static Map<TopicPartition, Long> of(String bootstrapServers, String topic) {
        AtomicReference<Map<TopicPartition, Long>> settled = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Map<TopicPartition, Long> committed = endOffsets(bootstrapServers, topic, "read_committed");
            settled.set(committed);
            return committed.equals(endOffsets(bootstrapServers, topic, "read_uncommitted"));
        });
        return settled.get();
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrapServers, String topic, String isolation) {
        Map<String, Object> config = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            assertThat(partitions).isNotEmpty();
            return Map.copyOf(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
        }
    }
}
