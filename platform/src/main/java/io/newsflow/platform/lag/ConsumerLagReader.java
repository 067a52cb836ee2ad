package io.newsflow.platform.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads consumer-group lag the way kafka-lag-exporter does: committed offsets and partition ends from the
 * Admin API, and the lag in seconds from the timestamp of the oldest record a group has not consumed yet, read
 * from the partition itself rather than extrapolated from rates. One reader is not thread-safe; callers poll it
 * from one thread.
 */
public final class ConsumerLagReader implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FETCH_TIMEOUT = Duration.ofMillis(1500);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> peeker;
    private final Clock clock;
    /** Timestamps of records already looked up; a group stuck on one record costs one fetch, not one per poll. */
    private final Map<TopicPartition, long[]> timestampAt = new HashMap<>();

    public ConsumerLagReader(String bootstrapServers, Clock clock) {
        this.clock = clock;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
        Map<String, Object> consumer = new HashMap<>();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-lag-reader");
        this.peeker = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every consumer group the cluster knows, sorted. */
    public List<String> groups() {
        try {
            return admin.listConsumerGroups().all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                .map(ConsumerGroupListing::groupId).sorted().toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not list consumer groups: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing consumer groups", e);
        }
    }

    /** The lag of the given groups on every partition they have committed offsets for. */
    public LagSnapshot read(Collection<String> groups) {
        Instant now = clock.instant();
        try {
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                committed.put(group, offsets);
            }
            Set<TopicPartition> partitions = committed.values().stream()
                .flatMap(m -> m.keySet().stream()).collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = endOffsets(partitions);
            List<PartitionLag> lags = new ArrayList<>();
            committed.forEach((group, offsets) -> offsets.forEach((tp, offset) -> {
                Long end = ends.get(tp);
                if (end == null) {
                    return;
                }
                long position = offset == null ? -1 : offset.offset();
                long lag = position < 0 ? end : Math.max(0, end - position);
                double seconds = lag == 0 ? 0 : secondsBehind(tp, Math.max(position, 0), now);
                lags.add(new PartitionLag(group, tp.topic(), tp.partition(), position, end, lag, seconds));
            }));
            lags.sort(Comparator.comparing(PartitionLag::group).thenComparing(PartitionLag::topic)
                .thenComparingInt(PartitionLag::partition));
            return new LagSnapshot(now, lags);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read consumer lag: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading consumer lag", e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions)
        throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        // The last stable offset: a transaction still open, or an aborted one, is not lag.
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin
            .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Seconds since the record at {@code offset} (or the first one after it) was written. */
    private double secondsBehind(TopicPartition tp, long offset, Instant now) {
        long[] cached = timestampAt.get(tp);
        long timestamp;
        if (cached != null && cached[0] == offset) {
            timestamp = cached[1];
        } else {
            timestamp = timestampOf(tp, offset);
            if (timestamp < 0) {
                return 0;
            }
            timestampAt.put(tp, new long[] {offset, timestamp});
        }
        return Math.max(0, (now.toEpochMilli() - timestamp) / 1000.0);
    }

    private long timestampOf(TopicPartition tp, long offset) {
        peeker.assign(List.of(tp));
        peeker.seek(tp, offset);
        long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : peeker.poll(Duration.ofMillis(200))) {
                return record.timestamp();
            }
        }
        return -1;
    }

    @Override
    public void close() {
        peeker.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}
