package io.newsflow.bench.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsflow.bench.process.ChildProcess;

/**
 * The dev stack's start time and memory: {@code io.newsflow.dev.DevMain} (what {@code ./newsflow-dev} runs after its
 * Maven build) as a child process, on free ports, with the JVM options {@code ./newsflow-dev} uses (none).
 *
 * <p>It runs on the dev module's own class path ({@link ClassPaths#services()}, as {@code ./newsflow-dev} does) when the
 * build left one, else on the benchmark's class path. The Maven build that {@code ./newsflow-dev} runs
 * first is not included: it is {@code mvn install}, which writes to the shared local repository.
 */
final class DevStackStartup {

    private static final Pattern READY = Pattern.compile("Newsflow ready in ([\\d.]+) s \\((\\d+) sample");

    /** One start: process start to the ready line, what DevMain itself reports, memory at ready, clean stop. */
    record Start(String kind, double processToReadySeconds, double reportedSeconds, int samples, long heapUsedAfterGcMb,
                 long residentMb, double stopSeconds, String loadAverage) {
    }

    private DevStackStartup() {
    }

    /** Starts DevMain on {@code dataDirectory}; {@code kind} names the case in the report. */
    static Start measure(String kind, Path dataDirectory, boolean samples, Path logs, String name) throws Exception {
        String load = io.newsflow.bench.process.Host.loadAverage();
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDirectory.toString(),
            "--kafka-port", String.valueOf(Pipeline.freePort()), "--controller-port", String.valueOf(Pipeline.freePort()),
            "--registry-port", String.valueOf(Pipeline.freePort()), "--ingest-port", String.valueOf(Pipeline.freePort()),
            "--feed-port", String.valueOf(Pipeline.freePort()), "--enrich-port", String.valueOf(Pipeline.freePort())));
        if (!samples) {
            args.add("--no-samples");
        }
        ChildProcess dev = ChildProcess.java(name, logs, List.of(), classPath(), Map.of(), "io.newsflow.dev.DevMain",
            args.toArray(String[]::new));
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            Matcher ready;
            while (!(ready = READY.matcher(dev.logText())).find()) {
                dev.requireAlive();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the dev stack did not print its ready line within 5 minutes:\n" + dev.logTail());
                }
                Thread.sleep(20);
            }
            double toReady = (System.nanoTime() - dev.startedNanos()) / 1e9;
            long heap = dev.heapUsedAfterGcMegabytes();
            long resident = dev.residentMegabytes();
            long stopping = System.nanoTime();
            dev.close();
            double stop = (System.nanoTime() - stopping) / 1e9;
            return new Start(kind, round(toReady), Double.parseDouble(ready.group(1)), Integer.parseInt(ready.group(2)), heap, resident,
                round(stop), load);
        } finally {
            dev.close();
        }
    }

    static String classPath() {
        return ClassPaths.services().orElseGet(ClassPaths::benchmark);
    }

    static String classPathOrigin() {
        return ClassPaths.services().isPresent() ? "dev/target/runtime-classpath.txt (as ./newsflow-dev)" : "the benchmark jar";
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
