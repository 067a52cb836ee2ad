package io.newsflow.platform.streams;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
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

    public StreamsRunner(String name, Topology topology, Properties config) {
        this.name = name;
        this.streams = new KafkaStreams(topology, config);
        streams.setStateListener((newState, oldState) -> {
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
