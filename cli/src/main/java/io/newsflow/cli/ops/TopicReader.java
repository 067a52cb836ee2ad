package io.newsflow.cli.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic's committed records without joining a consumer group (nothing is committed, no group appears in
 * lag tables): either the last {@code n} of each partition, or all of them, up to the partition ends as they
 * were when reading started, or on and on when following.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;

    public TopicReader(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-cli");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The topic's partitions, or an exception naming the topic when it does not exist. */
    public List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("no topic named '" + topic + "'");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        return partitions;
    }

    /**
     * Hands {@code sink} the last {@code last} committed records of each partition (every record when {@code last}
     * is negative), partition by partition in offset order, then, when {@code follow}, every new record as it
     * comes. Transaction markers take offsets too, so the reader starts well before {@code end - last} and keeps
     * only the last {@code last} records it finds.
     */
    public void read(String topic, long last, boolean follow, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        List<TopicPartition> partitions = partitions(topic);
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
        Map<TopicPartition, java.util.ArrayDeque<ConsumerRecord<byte[], byte[]>>> tails = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long from = last < 0 ? starts.get(tp) : Math.max(starts.get(tp), ends.get(tp) - 2 * last - 16);
            consumer.seek(tp, from);
            tails.put(tp, new java.util.ArrayDeque<>());
        }
        while (!reachedEnds(ends)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                var tail = tails.get(new TopicPartition(record.topic(), record.partition()));
                tail.addLast(record);
                if (last >= 0 && tail.size() > last) {
                    tail.removeFirst();
                }
            }
        }
        partitions.forEach(tp -> tails.get(tp).forEach(sink));
        while (follow) {
            consumer.poll(Duration.ofMillis(500)).forEach(sink);
        }
    }

    private boolean reachedEnds(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
