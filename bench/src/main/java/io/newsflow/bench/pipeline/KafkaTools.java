package io.newsflow.bench.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsflow.bench.process.ChildProcess;
import io.newsflow.bench.process.Host;

/**
 * The anchors: Kafka's own performance tools from {@code kafka-tools} 4.4.0, each run as a JVM of its own against the
 * benchmark's broker, and their summary lines parsed.
 *
 * <ul>
 *   <li>{@code org.apache.kafka.tools.ProducerPerformance}: records/s and send latency of a producer writing records of
 *       the pipeline's record size with {@code acks=all} (idempotence is the client default), as fast as it can.
 *   <li>{@code org.apache.kafka.tools.EndToEndLatency}: one record at a time, produced with {@code acks=all} and
 *       consumed, on a 1-partition topic; its percentiles are whole milliseconds.
 * </ul>
 */
final class KafkaTools {

    /** The final line of ProducerPerformance, overall or steady state. */
    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
        "(\\d+)( steady state)? records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
            + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");
    private static final Pattern E2E_AVERAGE = Pattern.compile("Avg latency: ([\\d.]+) ms");
    private static final Pattern E2E_PERCENTILES = Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");
    private static final List<String> TOOL_JVM = List.of("-Xmx512m", "-XX:+UseG1GC");

    /** One ProducerPerformance run. */
    record ProducerRun(long records, double recordsPerSecond, double megabytesPerSecond, double avgMs, double maxMs,
                       int p50Ms, int p95Ms, int p99Ms, int p999Ms, Double steadyRecordsPerSecond, String loadAverage) {
    }

    /** One EndToEndLatency run. */
    record EndToEndRun(int records, double avgMs, int p50Ms, int p99Ms, int p999Ms, String loadAverage) {
    }

    private KafkaTools() {
    }

    static ProducerRun producerPerformance(String bootstrapServers, String topic, int records, int recordSize, int warmupRecords,
                                           Path logs, String name) throws InterruptedException {
        String load = Host.loadAverage();
        try (ChildProcess tool = ChildProcess.java(name, logs, TOOL_JVM, Map.of(), org.apache.kafka.tools.ProducerPerformance.class,
                "--topic", topic, "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordSize),
                "--throughput", "-1", "--bootstrap-server", bootstrapServers, "--warmup-records", String.valueOf(warmupRecords),
                "--command-property", "acks=all")) {
            int exit = tool.awaitExit(Duration.ofMinutes(15));
            String output = tool.logText();
            Matcher overall = null;
            Double steady = null;
            Matcher m = PRODUCER_SUMMARY.matcher(output);
            while (m.find()) {
                if (m.group(2) != null) {
                    steady = Double.parseDouble(m.group(3));
                } else {
                    overall = PRODUCER_SUMMARY.matcher(m.group());
                    overall.find();
                }
            }
            if (exit != 0 || overall == null) {
                throw new IllegalStateException("ProducerPerformance failed (exit " + exit + "):\n" + tool.logTail());
            }
            return new ProducerRun(Long.parseLong(overall.group(1)), Double.parseDouble(overall.group(3)),
                Double.parseDouble(overall.group(4)), Double.parseDouble(overall.group(5)), Double.parseDouble(overall.group(6)),
                Integer.parseInt(overall.group(7)), Integer.parseInt(overall.group(8)), Integer.parseInt(overall.group(9)),
                Integer.parseInt(overall.group(10)), steady, load);
        }
    }

    static EndToEndRun endToEndLatency(String bootstrapServers, String topic, int records, int recordSize, Path logs, String name)
            throws InterruptedException {
        String load = Host.loadAverage();
        try (ChildProcess tool = ChildProcess.java(name, logs, TOOL_JVM, Map.of(), org.apache.kafka.tools.EndToEndLatency.class,
                "--bootstrap-server", bootstrapServers, "--topic", topic, "--num-records", String.valueOf(records),
                "--producer-acks", "all", "--record-size", String.valueOf(recordSize))) {
            int exit = tool.awaitExit(Duration.ofMinutes(15));
            String output = tool.logText();
            Matcher average = E2E_AVERAGE.matcher(output);
            Matcher percentiles = E2E_PERCENTILES.matcher(output);
            if (exit != 0 || !average.find() || !percentiles.find()) {
                throw new IllegalStateException("EndToEndLatency failed (exit " + exit + "):\n" + tool.logTail());
            }
            return new EndToEndRun(records, Double.parseDouble(average.group(1)), Integer.parseInt(percentiles.group(1)),
                Integer.parseInt(percentiles.group(2)), Integer.parseInt(percentiles.group(3)), load);
        }
    }
}
