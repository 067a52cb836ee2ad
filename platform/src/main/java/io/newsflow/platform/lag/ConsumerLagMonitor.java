package io.newsflow.platform.lag;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples consumer lag on a schedule, keeps the last hour of samples for the lag page, and exports the newest
 * sample as Prometheus gauges named like kafka-lag-exporter's:
 * {@code kafka_consumergroup_group_lag}, {@code kafka_consumergroup_group_lag_seconds},
 * {@code kafka_consumergroup_group_offset}, {@code kafka_partition_latest_offset} (per group, topic, partition)
 * and {@code kafka_consumergroup_group_max_lag}, {@code kafka_consumergroup_group_max_lag_seconds} (per group).
 */
public final class ConsumerLagMonitor implements AutoCloseable {

    /** In the group list: every consumer group the cluster knows, looked up at each sample. */
    public static final String ALL_GROUPS = "*";

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);

    private final ConsumerLagReader reader;
    private final Collection<String> groups;
    private final Duration interval;
    private final Duration window;
    private final Clock clock;
    private final Deque<LagSnapshot> history = new ArrayDeque<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "newsflow-lag-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Runnable> exporters = new ArrayList<>();
    private volatile LagSnapshot latest;

    /**
     * @param groups the consumer groups to watch; {@code *} watches every group the cluster has
     * @param interval time between samples
     * @param window how much history to keep for the lag page
     */
    public ConsumerLagMonitor(String bootstrapServers, Collection<String> groups, Duration interval, Duration window,
                              Clock clock) {
        this.reader = new ConsumerLagReader(bootstrapServers, clock);
        this.groups = List.copyOf(groups);
        this.interval = interval;
        this.window = window;
        this.clock = clock;
    }

    /** Exports the newest sample of the given groups (a subset of the watched ones) to {@code registry}. */
    public ConsumerLagMonitor exportTo(MeterRegistry registry, Set<String> exportedGroups) {
        MultiGauge lag = gauge(registry, "kafka.consumergroup.group.lag", "Consumer lag in offsets");
        MultiGauge lagSeconds = gauge(registry, "kafka.consumergroup.group.lag.seconds",
            "Age of the oldest unconsumed record, from its timestamp");
        MultiGauge offset = gauge(registry, "kafka.consumergroup.group.offset", "Committed offset");
        MultiGauge latestOffset = gauge(registry, "kafka.partition.latest.offset", "Last stable offset of the partition");
        MultiGauge maxLag = gauge(registry, "kafka.consumergroup.group.max.lag", "Largest partition lag of the group, in offsets");
        MultiGauge maxLagSeconds = gauge(registry, "kafka.consumergroup.group.max.lag.seconds",
            "Largest partition lag of the group, in seconds");
        exporters.add(() -> {
            LagSnapshot snapshot = latest;
            List<PartitionLag> rows = snapshot.partitions().stream()
                .filter(p -> exportedGroups.contains(p.group())).toList();
            lag.register(rows(rows, PartitionLag::lagOffsets), true);
            lagSeconds.register(rows(rows, PartitionLag::lagSeconds), true);
            offset.register(rows(rows, PartitionLag::committedOffset), true);
            latestOffset.register(rows.stream()
                .map(p -> MultiGauge.Row.of(Tags.of("topic", p.topic(), "partition", String.valueOf(p.partition())),
                    p.endOffset()))
                .distinct().toList(), true);
            maxLag.register(groupRows(snapshot.maxLagByGroup(), exportedGroups), true);
            maxLagSeconds.register(groupRows(snapshot.maxLagSecondsByGroup(), exportedGroups), true);
        });
        return this;
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    private static List<MultiGauge.Row<?>> rows(List<PartitionLag> partitions, Function<PartitionLag, Number> value) {
        return partitions.stream()
            .<MultiGauge.Row<?>>map(p -> MultiGauge.Row.of(Tags.of("group", p.group(), "topic", p.topic(),
                "partition", String.valueOf(p.partition())), value.apply(p)))
            .toList();
    }

    private static <N extends Number> List<MultiGauge.Row<?>> groupRows(Map<String, N> byGroup, Set<String> exported) {
        return byGroup.entrySet().stream()
            .filter(e -> exported.contains(e.getKey()))
            .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("group", e.getKey()), e.getValue()))
            .toList();
    }

    /** Starts sampling now and then every interval. */
    public ConsumerLagMonitor start() {
        scheduler.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void sample() {
        try {
            LagSnapshot snapshot = reader.read(groups.contains(ALL_GROUPS) ? reader.groups() : groups);
            synchronized (history) {
                history.addLast(snapshot);
                while (!history.isEmpty() && history.peekFirst().at().isBefore(clock.instant().minus(window))) {
                    history.removeFirst();
                }
            }
            latest = snapshot;
            exporters.forEach(Runnable::run);
        } catch (RuntimeException e) {
            // A broker outage must not kill the sampler; the gauges keep the last sample and the page shows the gap.
            log.warn("Could not sample consumer lag: {}", e.getMessage());
        }
    }

    /** The newest sample, or null before the first one. */
    public LagSnapshot latest() {
        return latest;
    }

    /** Samples of the last window, oldest first. */
    public List<LagSnapshot> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    public Collection<String> groups() {
        return groups;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }
}
