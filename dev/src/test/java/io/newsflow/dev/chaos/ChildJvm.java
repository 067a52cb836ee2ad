package io.newsflow.dev.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service as a separate JVM on the test's classpath, restartable: each start is a new incarnation with its own
 * log file ({@code <name>-<n>.log}, standard output and error together), so a failure can be traced to the run of
 * the process that caused it.
 *
 * <p>{@link #kill()} is {@code SIGKILL} ({@link Process#destroyForcibly()} on Linux): no shutdown hook runs, no
 * consumer group is left, no transaction is closed. {@link #stop()} is {@code SIGTERM}, a clean shutdown.
 */
final class ChildJvm implements AutoCloseable {

    /** Exit status of a JVM ended by SIGKILL (128 + 9); a clean SIGTERM shutdown exits with 143. */
    static final int KILLED_BY_SIGKILL = 137;

    private final String name;
    private final String mainClass;
    private final List<String> args;
    private final Map<String, String> environment;
    private final String maxHeap;
    private final Path logDirectory;
    private final Path argFile;
    private volatile Process process;
    private volatile int incarnation;

    private ChildJvm(String name, String mainClass, List<String> args, Map<String, String> environment, String maxHeap,
                     Path logDirectory) {
        this.name = name;
        this.mainClass = mainClass;
        this.args = List.copyOf(args);
        this.environment = Map.copyOf(environment);
        this.maxHeap = maxHeap;
        this.logDirectory = logDirectory;
        this.argFile = logDirectory.resolve("classpath.args");
    }

    /**
     * A JVM running {@code mainClass} with {@code args}, the given {@code NEWSFLOW_*}-style environment (the
     * test's own {@code NEWSFLOW_*} variables are not passed on) and heap limit, logging under {@code logDirectory}.
     */
    static ChildJvm of(String name, Class<?> mainClass, List<String> args, Map<String, String> environment, String maxHeap,
                       Path logDirectory) {
        return new ChildJvm(name, mainClass.getName(), args, environment, maxHeap, logDirectory);
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logDirectory.resolve(name + "-" + incarnation + ".log");
    }

    synchronized ChildJvm start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        incarnation++;
        try {
            Files.createDirectories(logDirectory);
            writeClasspathArgFile();
            List<String> command = new ArrayList<>();
            command.add(javaBinary());
            command.add("-Xmx" + maxHeap);
            command.add("-XX:+UseSerialGC");
            command.add("-XX:+ExitOnOutOfMemoryError");
            command.add("-Djava.awt.headless=true");
            command.add("@" + argFile);
            command.add(mainClass);
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("NEWSFLOW_"));
            env.putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** SIGKILL, then waits for the process to be gone; returns its exit status. */
    synchronized int kill() {
        return end(process.destroyForcibly(), Duration.ofSeconds(30));
    }

    /** SIGTERM, a clean shutdown through the JVM's shutdown hooks; returns the exit status. */
    synchronized int stop() {
        process.destroy();
        return end(process, Duration.ofSeconds(60));
    }

    /** SIGTERM without waiting, so that several processes can shut down side by side; {@link #close()} waits. */
    void terminate() {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroy();
        }
    }

    /** SIGKILL without waiting, for a test JVM on its way out. */
    void destroyIfAlive() {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    private int end(Process ending, Duration within) {
        try {
            if (!ending.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                ending.destroyForcibly().waitFor();
            }
            return ending.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
    }

    /** The last lines of the current incarnation's log, for failure messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    /** The test's classpath in a {@code java @argfile}, which keeps a long classpath off the command line. */
    private void writeClasspathArgFile() throws IOException {
        if (!Files.exists(argFile)) {
            String classpath = System.getProperty("java.class.path");
            Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n");
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Environment variables for {@link #of}: {@code NEWSFLOW_} plus the setting's name upper-cased, dots as underscores. */
    static Map<String, String> newsflowEnvironment(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        settings.forEach((key, value) -> env.put("NEWSFLOW_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        return env;
    }
}
