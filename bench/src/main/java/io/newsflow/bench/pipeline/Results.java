package io.newsflow.bench.pipeline;

import java.util.Arrays;
import java.util.Map;

/** What one cell measured, computed from its {@link Cell} once it has drained. */
final class Results {

    private Results() {
    }

    /** Latency percentiles in milliseconds over {@code count} stories; NaN when none. */
    record Latency(int count, double p50, double p99, double p999, double max) {

        static Latency of(long[] sortedMicros) {
            if (sortedMicros.length == 0) {
                return new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Latency(sortedMicros.length, ms(percentile(sortedMicros, 0.50)), ms(percentile(sortedMicros, 0.99)),
                ms(percentile(sortedMicros, 0.999)), ms(sortedMicros[sortedMicros.length - 1]));
        }

        private static double ms(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    /**
     * One cell.
     *
     * @param measured         stories sent after the cell's warm-up
     * @param missing          measured stories acknowledged but never seen committed into the feed
     * @param sseMissing       measured stories acknowledged but never seen on the live stream
     * @param throughputPerSecond measured stories / (last visible − first sent), for throughput cells
     * @param steadyPerSecond  stories/s between the 10th and the 90th percentile of visible times
     * @param ackedPerSecond   measured stories / (last acknowledgement − first sent): how fast the entry took them
     * @param cpuMsPerStory    CPU milliseconds per measured story, per process, over the cell (drain included)
     */
    record CellResult(int cell, String guarantee, Cell.Entry entry, Cell.Kind kind, int offeredPerSecond, int round,
                      int sent, int measured, int acked, int failed, int visible, int committed, int missing, int sseMissing,
                      double generatorPerSecond, double generatorMaxLagMs, double throughputPerSecond, double steadyPerSecond,
                      double ackedPerSecond, Latency ackToVisible, Latency sentToVisible, Latency ackToCommitted,
                      Latency ackToEnriched, Map<String, Double> cpuMsPerStory,
                      Map<String, Map<String, Double>> cpuMsPerStoryByKind, Map<String, Map<String, Double>> busiestThreadsMsPerStory,
                      String loadAverage, int sseResyncs, boolean saturated, String saturation, String firstFailure,
                      double seconds) {
    }

    static CellResult of(Cell cell, Loads.Pacing pacing, Map<String, Double> cpuSecondsUsed,
                         Map<String, Map<String, Double>> threadSecondsUsed, String loadAverage, int sseResyncs, double seconds) {
        int n = cell.issued.get();
        int measured = n - cell.measuredFrom;
        int acked = 0;
        int visible = 0;
        int committed = 0;
        int missing = 0;
        int sseMissing = 0;
        for (int i = cell.measuredFrom; i < n; i++) {
            boolean isAcked = cell.acked.get(i) != 0;
            acked += isAcked ? 1 : 0;
            visible += cell.visible.get(i) != 0 ? 1 : 0;
            committed += cell.committed.get(i) != 0 ? 1 : 0;
            missing += isAcked && cell.committed.get(i) == 0 ? 1 : 0;
            sseMissing += isAcked && cell.visible.get(i) == 0 ? 1 : 0;
        }
        double throughput = Double.NaN;
        double steady = Double.NaN;
        double ackedRate = Double.NaN;
        long[] sentSpan = cell.span(cell.sent);
        long[] visibleTimes = cell.sortedInstants(cell.visible);
        long[] ackSpan = cell.span(cell.acked);
        if (visibleTimes.length > 1 && sentSpan[0] != 0) {
            throughput = visibleTimes.length / ((visibleTimes[visibleTimes.length - 1] - sentSpan[0]) / 1e9);
            int from = (int) (visibleTimes.length * 0.1);
            int to = (int) (visibleTimes.length * 0.9);
            if (to > from && visibleTimes[to] > visibleTimes[from]) {
                steady = (to - from) / ((visibleTimes[to] - visibleTimes[from]) / 1e9);
            }
        }
        if (ackSpan[1] != 0 && sentSpan[0] != 0 && ackSpan[1] > sentSpan[0]) {
            ackedRate = acked / ((ackSpan[1] - sentSpan[0]) / 1e9);
        }
        Map<String, Double> cpu = new java.util.LinkedHashMap<>();
        cpuSecondsUsed.forEach((process, secondsUsed) -> cpu.put(process, perStory(secondsUsed, measured)));
        Map<String, Map<String, Double>> byKind = new java.util.LinkedHashMap<>();
        Map<String, Map<String, Double>> busiest = new java.util.LinkedHashMap<>();
        threadSecondsUsed.forEach((process, threads) -> {
            Map<String, Double> kinds = new java.util.TreeMap<>();
            threads.forEach((thread, secondsUsed) -> kinds.merge(io.newsflow.bench.process.ThreadCpu.category(thread), secondsUsed, Double::sum));
            kinds.replaceAll((kind, secondsUsed) -> perStory(secondsUsed, measured));
            byKind.put(process, kinds);
            Map<String, Double> top = new java.util.LinkedHashMap<>();
            threads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                .forEach(e -> top.put(e.getKey(), perStory(e.getValue(), measured)));
            busiest.put(process, top);
        });
        return new CellResult(cell.number, cell.guarantee, cell.entry, cell.kind, cell.rate, cell.round, n, measured, acked,
            cell.failed.get(), visible, committed, missing, sseMissing, pacing.achievedPerSecond(), pacing.maxLagMs(), throughput, steady,
            ackedRate, Latency.of(cell.latenciesMicros(cell.acked, cell.visible)), Latency.of(cell.latenciesMicros(cell.sent, cell.visible)),
            Latency.of(cell.latenciesMicros(cell.acked, cell.committed)), Latency.of(cell.latenciesMicros(cell.acked, cell.enriched)),
            cpu, byKind, busiest, loadAverage, sseResyncs, cell.saturated, cell.saturation, cell.firstFailure, seconds);
    }

    /** Milliseconds per story, to the microsecond. */
    private static double perStory(double seconds, int stories) {
        return Math.round(seconds * 1e6 / Math.max(1, stories)) / 1000.0;
    }

    /** The median of some values (the lower middle one for an even count); NaN for none. */
    static double median(double... values) {
        double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return finite.length == 0 ? Double.NaN : finite[(finite.length - 1) / 2];
    }
}
