package io.newsflow.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server or tool a benchmark runs as its own OS process (a service, the broker, redis-server, one of Kafka's
 * perf tools), so each has its own heap and threads, like in production, and can be stopped and restarted.
 * Output goes to a log file. Used by the feed benchmark and the pipeline benchmark.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos;

    private ChildProcess(String name, Process process, Path log, long startedNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** A JVM on this JVM's class path running {@code mainClass}. */
    public static ChildProcess java(String name, Path logDirectory, List<String> jvmOptions, Map<String, String> environment,
                                    Class<?> mainClass, String... args) {
        return java(name, logDirectory, jvmOptions, System.getProperty("java.class.path"), environment, mainClass.getName(), args);
    }

    /** A JVM on the given class path running the class named {@code mainClass}. */
    public static ChildProcess java(String name, Path logDirectory, List<String> jvmOptions, String classPath,
                                    Map<String, String> environment, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return start(name, logDirectory, command, environment);
    }

    /**
     * Starts {@code command}. {@code NEWSFLOW_*} variables of this process are not passed on, so a service sees
     * exactly the settings the benchmark gives it in {@code environment}.
     */
    public static ChildProcess start(String name, Path logDirectory, List<String> command, Map<String, String> environment) {
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(variable -> variable.startsWith("NEWSFLOW_"));
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            Process process = builder.start();
            // An interrupted benchmark (Ctrl-C) must not leave servers behind.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-" + name));
            return new ChildProcess(name, process, log, started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    /** Throws, with the end of its log, if the process has exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
        }
    }

    /** Waits for the process to exit by itself, up to {@code timeout}; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within " + timeout + ":\n" + logTail());
        }
        return process.exitValue();
    }

    /** CPU time (user + system, all threads) the process has used so far; zero once it is gone. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Resident memory of the process in MiB (heap plus everything off-heap, RocksDB included). */
    public long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return -1;
    }

    /** Runs a diagnostic command in the process ({@code jcmd <pid> <command>}) and returns what it printed. */
    public String jcmd(String command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(String.valueOf(pid()));
        line.addAll(List.of(command.split(" ")));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    /** Heap in use right after a full GC, i.e. what the live data needs, in MiB; -1 if jcmd did not say. */
    public long heapUsedAfterGcMegabytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
    }

    /** The whole log so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of its log, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, so the service runs its shutdown hook (Streams apps leave their consumer group), then waits. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
