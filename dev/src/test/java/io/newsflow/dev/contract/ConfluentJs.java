package io.newsflow.dev.contract;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the scripts in {@code dev/src/test/confluent-js} (Confluent's official JavaScript serde on kafkajs)
 * as child processes: bounded by a timeout, stdout and stderr captured to files, stdout parsed as JSON lines.
 *
 * <p>The folder is {@code src/test/confluent-js} under the module directory unless
 * the system property {@value #DIR_PROPERTY} names another; {@code node} is found on {@code PATH} unless
 * {@value #NODE_PROPERTY} names the executable.
 */
final class ConfluentJs {

    static final String DIR_PROPERTY = "confluent.js.dir";
    static final String NODE_PROPERTY = "node.executable";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one script run printed; {@code events} are its stdout JSON lines. */
    record Run(String script, int exitCode, List<JsonNode> events, String stdout, String stderr, Duration took) {

        List<JsonNode> events(String type) {
            return events.stream().filter(e -> type.equals(e.path("event").asText())).toList();
        }

        JsonNode done() {
            List<JsonNode> done = events("done");
            if (done.size() != 1) {
                throw new AssertionError(script + " printed " + done.size() + " 'done' events\n" + this);
            }
            return done.get(0);
        }

        @Override
        public String toString() {
            return script + " exited " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + stdout
                + "--- stderr\n" + stderr;
        }
    }

    private ConfluentJs() {
    }

    static Path directory() {
        String configured = System.getProperty(DIR_PROPERTY);
        return configured != null ? Paths.get(configured).toAbsolutePath().normalize()
            : moduleDirectory().resolve("src/test/confluent-js").normalize();
    }

    /** The dev module's directory: Surefire and Failsafe set {@code basedir}; otherwise the working directory. */
    static Path moduleDirectory() {
        return Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    }

    /** The {@code node} executable, or empty when there is none. */
    static Optional<Path> node() {
        String configured = System.getProperty(NODE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Paths.get(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        for (String entry : pathVariable.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate = Paths.get(entry, windows ? "node.exe" : "node");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code node <script>} in the scripts' folder with the given extra environment, waiting at most
     * {@code timeout}; a process still running then is killed and the run reported as a failure.
     */
    static Run run(String script, Map<String, String> environment, Duration timeout) {
        Path node = node().orElseThrow(() -> new IllegalStateException("node is not installed"));
        Path directory = directory();
        Path stdout = null;
        Path stderr = null;
        long started = System.nanoTime();
        try {
            stdout = Files.createTempFile("confluent-js-" + script + "-", ".out");
            stderr = Files.createTempFile("confluent-js-" + script + "-", ".err");
            ProcessBuilder builder = new ProcessBuilder(node.toString(), script)
                .directory(directory.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
            Map<String, String> env = builder.environment();
            env.put("KAFKAJS_NO_PARTITIONER_WARNING", "1");
            env.put("NODE_NO_WARNINGS", "1");
            env.put("TIMEOUT_MS", String.valueOf(Math.max(1000, timeout.toMillis() - 5000)));
            env.putAll(environment);
            Process process = builder.start();
            boolean exited;
            try {
                exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + script, e);
            }
            if (!exited) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            Run run = new Run(script, exited ? process.exitValue() : -1, parseLines(script, out), out, err, took);
            if (!exited) {
                throw new AssertionError(script + " did not finish within " + timeout + " and was killed\n" + run);
            }
            System.err.printf("[ConfluentSerdeContractIT] node %s %s: exit %d in %d ms, %d JSON lines%n", script,
                environment.getOrDefault("TOPIC", ""), run.exitCode(), took.toMillis(), run.events().size());
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run node " + script + " in " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    /** The same run, failing with the script's whole output unless it exited 0. */
    static Run runOk(String script, Map<String, String> environment, Duration timeout) {
        Run run = run(script, environment, timeout);
        if (run.exitCode() != 0) {
            throw new AssertionError("node " + script + " failed\n" + run);
        }
        return run;
    }

    static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    private static List<JsonNode> parseLines(String script, String stdout) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw new AssertionError(script + " printed a line that is not JSON: " + line, e);
            }
        }
        return events;
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temp file is harmless
        }
    }
}
