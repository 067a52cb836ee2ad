package io.newsflow.platform.streams;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams topology: starts it, waits until it is RUNNING (or fails loudly), reports its
 * state for readiness checks, and closes it with a bound.
 */
public final class StreamsRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

    private final String name;
    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private KafkaStreamsMetrics metrics;
    /** Per store, the records each changelog partition still has to restore. */
    private final Map<String, Map<TopicPartition, Long>> restoring = new ConcurrentHashMap<>();
    /** Advanced on every state change and every restoration start, end or suspension; see {@link #generation}. */
    private final AtomicLong generation = new AtomicLong();

    public StreamsRunner(String name, Topology topology, Properties config) {
        this.name = name;
        this.streams = new KafkaStreams(topology, config);
        streams.setStateListener((newState, oldState) -> {
            generation.incrementAndGet();
            log.info("{}: streams {} -> {}", name, oldState, newState);
            if (newState == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            log.error("{}: stream thread failed; replacing it", name, e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /** Starts processing and blocks until RUNNING. */
    public void start(Duration timeout, MeterRegistry registry) {
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        bindStateAndRestoration(registry);
        streams.start();
        try {
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + ": Kafka Streams did not reach RUNNING within " + timeout
                    + " (state " + streams.state() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while starting", e);
        }
    }

    /**
     * {@code newsflow_streams_state{state}}: 1 for the current state, 0 for the others, so a dashboard can plot
     * REBALANCING and ERROR spells; {@code newsflow_streams_restore_remaining_records{store}}: changelog records
     * still to restore, which readiness waits for.
     */
    private void bindStateAndRestoration(MeterRegistry registry) {
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder("newsflow.streams.state", streams, s -> s.state() == state ? 1 : 0)
                .description("1 for the Kafka Streams state the app is in")
                .tag("state", state.name())
                .register(registry);
        }
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
                generation.incrementAndGet();
                remaining(registry, store).put(partition, Math.max(0, endOffset - startOffset));
                log.info("{}: restoring {} from {} ({} records)", name, store, partition, endOffset - startOffset);
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
                remaining(registry, store).merge(partition, -restored, (left, done) -> Math.max(0, left + done));
            }

            @Override
            public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
                generation.incrementAndGet();
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                generation.incrementAndGet();
                remaining(registry, store).put(partition, 0L);
                log.info("{}: restored {} from {} ({} records)", name, store, partition, totalRestored);
            }
        });
    }

    private Map<TopicPartition, Long> remaining(MeterRegistry registry, String store) {
        return restoring.computeIfAbsent(store, s -> {
            Map<TopicPartition, Long> byPartition = new ConcurrentHashMap<>();
            Gauge.builder("newsflow.streams.restore.remaining.records", byPartition,
                    m -> m.values().stream().mapToLong(Long::longValue).sum())
                .description("Changelog records still to restore into the store")
                .tag("store", s)
                .register(registry);
            return byPartition;
        });
    }

    /**
     * A number that changes whenever a state store may have moved, closed or reopened: on every Kafka Streams
     * state change (each rebalance passes through REBALANCING) and whenever a store starts, ends or suspends
     * restoring. Callers that keep store handles between queries keep them only while it stays the same.
     */
    public long generation() {
        return generation.get();
    }

    /** True while the app is RUNNING, i.e. not rebalancing or restoring state. */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
        // Leave the group on purpose: Streams stays in by default, which makes a restarted instance wait a
        // full session timeout before it gets its partitions back.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
    }
}
