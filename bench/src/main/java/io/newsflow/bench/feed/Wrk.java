package io.newsflow.bench.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code wrk} load generator (a separate process, so it never shares the server's JVM) and reads
 * requests/s and latency percentiles from its {@code --latency} report.
 */
final class Wrk {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

    /** What one wrk run measured. Latencies are in milliseconds. */
    record Result(double requestsPerSecond, double p50Ms, double p90Ms, double p99Ms, long requests, long failed, String report) {
    }

    private Wrk() {
    }

    static Result run(String url, int connections, Duration duration) {
        // Two wrk threads: the machine has two cores, and wrk needs at least one thread per core it may use.
        int threads = Math.min(2, connections);
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
            "--latency", "--timeout", "5s", url);
        try {
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed:\n" + report);
            }
            return parse(report);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run wrk (install it with bench/feed-bench-setup.sh): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result parse(String report) {
        long failed = find(NON_2XX, report).map(Long::parseLong).orElse(0L);
        Matcher errors = SOCKET_ERRORS.matcher(report);
        if (errors.find()) {
            for (int group = 1; group <= 4; group++) {
                failed += Long.parseLong(errors.group(group));
            }
        }
        return new Result(
            Double.parseDouble(find(REQUESTS_PER_SECOND, report).orElseThrow(() -> new IllegalStateException("no Requests/sec in:\n" + report))),
            percentile(report, "50%"), percentile(report, "90%"), percentile(report, "99%"),
            Long.parseLong(find(TOTAL, report).orElse("0")), failed, report);
    }

    /** A line of the latency distribution, such as {@code 99%    3.21ms}, in milliseconds. */
    private static double percentile(String report, String label) {
        Matcher line = Pattern.compile("^\\s+" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE).matcher(report);
        if (!line.find()) {
            throw new IllegalStateException("no " + label + " latency in:\n" + report);
        }
        double value = Double.parseDouble(line.group(1));
        return switch (line.group(2)) {
            case "us" -> value / 1_000;
            case "s" -> value * 1_000;
            default -> value;
        };
    }

    private static java.util.Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }
}
