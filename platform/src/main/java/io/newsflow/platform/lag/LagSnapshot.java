package io.newsflow.platform.lag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every monitored partition's lag at one instant, sorted by group, topic and partition. */
public record LagSnapshot(Instant at, List<PartitionLag> partitions) {

    public LagSnapshot {
        partitions = List.copyOf(partitions);
    }

    /** The largest lag in offsets per group. */
    public Map<String, Long> maxLagByGroup() {
        Map<String, Long> max = new TreeMap<>();
        partitions.forEach(p -> max.merge(p.group(), p.lagOffsets(), Math::max));
        return max;
    }

    /** The largest lag in seconds per group. */
    public Map<String, Double> maxLagSecondsByGroup() {
        Map<String, Double> max = new TreeMap<>();
        partitions.forEach(p -> max.merge(p.group(), p.lagSeconds(), Math::max));
        return max;
    }
}
