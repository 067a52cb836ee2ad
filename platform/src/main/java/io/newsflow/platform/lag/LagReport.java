package io.newsflow.platform.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the lag page shows: per group and partition, the lag now, its history over the window, the trend and an
 * estimate of when the group catches up.
 *
 * <p>The trend and the estimate come from the last {@link #RATE_WINDOW} of samples: the group's consumption rate
 * is how fast its committed offset moved, the production rate how fast the partition end moved. A group catches up
 * only when it consumes faster than producers write; then the estimate is {@code lag / (consumed - produced)}.
 */
public record LagReport(Instant at, List<GroupLag> groups) {

    static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    /** One consumer group's partitions. */
    public record GroupLag(String group, long maxLag, double maxLagSeconds, List<PartitionReport> partitions) {
    }

    /**
     * @param trendPerSecond change of the lag per second (negative: catching up)
     * @param consumedPerSecond committed-offset rate
     * @param producedPerSecond partition-end rate
     * @param catchUpSeconds estimated seconds until the lag is 0; 0 when caught up; null when not catching up
     * @param series {@code [epochMillis, lagOffsets, lagSeconds]} per sample, oldest first
     */
    public record PartitionReport(String topic, int partition, long lag, double lagSeconds, long committedOffset,
                                  long endOffset, double trendPerSecond, double consumedPerSecond,
                                  double producedPerSecond, Double catchUpSeconds, List<double[]> series) {
    }

    /** Builds the report from a monitor's history (oldest first). */
    public static LagReport from(List<LagSnapshot> history) {
        if (history.isEmpty()) {
            return new LagReport(null, List.of());
        }
        LagSnapshot now = history.get(history.size() - 1);
        LagSnapshot then = history.get(0);
        for (LagSnapshot s : history) {
            if (!s.at().isBefore(now.at().minus(RATE_WINDOW))) {
                then = s;
                break;
            }
        }
        Map<String, List<PartitionReport>> byGroup = new LinkedHashMap<>();
        for (PartitionLag p : now.partitions()) {
            List<double[]> series = new ArrayList<>();
            for (LagSnapshot s : history) {
                for (PartitionLag q : s.partitions()) {
                    if (same(p, q)) {
                        series.add(new double[] {s.at().toEpochMilli(), q.lagOffsets(), q.lagSeconds()});
                    }
                }
            }
            PartitionLag earlier = find(then, p);
            double seconds = earlier == null ? 0 : Duration.between(then.at(), now.at()).toMillis() / 1000.0;
            double consumed = seconds <= 0 ? 0 : (p.committedOffset() - earlier.committedOffset()) / seconds;
            double produced = seconds <= 0 ? 0 : (p.endOffset() - earlier.endOffset()) / seconds;
            double trend = seconds <= 0 ? 0 : (p.lagOffsets() - earlier.lagOffsets()) / seconds;
            Double catchUp = p.lagOffsets() == 0 ? Double.valueOf(0)
                : consumed > produced ? Double.valueOf(p.lagOffsets() / (consumed - produced)) : null;
            byGroup.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(new PartitionReport(p.topic(), p.partition(),
                p.lagOffsets(), p.lagSeconds(), p.committedOffset(), p.endOffset(), trend, consumed, produced, catchUp,
                series));
        }
        List<GroupLag> groups = new ArrayList<>();
        Map<String, Long> maxLag = now.maxLagByGroup();
        Map<String, Double> maxSeconds = now.maxLagSecondsByGroup();
        byGroup.forEach((group, partitions) ->
            groups.add(new GroupLag(group, maxLag.get(group), maxSeconds.get(group), partitions)));
        return new LagReport(now.at(), groups);
    }

    private static boolean same(PartitionLag a, PartitionLag b) {
        return a.group().equals(b.group()) && a.topic().equals(b.topic()) && a.partition() == b.partition();
    }

    private static PartitionLag find(LagSnapshot snapshot, PartitionLag like) {
        for (PartitionLag q : snapshot.partitions()) {
            if (same(like, q)) {
                return q;
            }
        }
        return null;
    }
}
