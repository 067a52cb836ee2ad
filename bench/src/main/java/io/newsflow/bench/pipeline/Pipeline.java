package io.newsflow.bench.pipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.newsflow.bench.process.ChildProcess;
import io.newsflow.enrich.EnrichApp;
import io.newsflow.feed.FeedApp;
import io.newsflow.ingest.IngestApp;

/**
 * enrich-service, feed-service and ingest-service, each in a JVM of its own (started in that order, as the dev stack
 * does), configured only through their documented {@code NEWSFLOW_*} environment variables:
 * {@code NEWSFLOW_PROCESSING_GUARANTEE} and {@code NEWSFLOW_COMMIT_INTERVAL_MS} for both Streams apps, auth off for
 * ingest (as in the dev stack), and any extra settings the benchmark was given.
 */
final class Pipeline implements AutoCloseable {

    static final List<String> SERVICES = List.of("enrich-service", "feed-service", "ingest-service");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, ChildProcess> processes = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, Double> startSeconds = new LinkedHashMap<>();

    private final String classPath;

    private Pipeline(String classPath) {
        this.classPath = classPath;
    }

    /**
     * Starts the three services and waits until each answers {@code /health/ready}.
     *
     * @param settings extra service settings in dotted form ({@code kafka.linger.ms=5}), passed as {@code NEWSFLOW_*}
     */
    static Pipeline start(String bootstrapServers, String registryUrl, String guarantee, int commitIntervalMs,
                          Map<String, String> settings, List<String> jvmOptions, String classPath, Path stateDirectory,
                          Path logs) throws Exception {
        Pipeline pipeline = new Pipeline(classPath);
        try {
            Map<String, String> shared = new LinkedHashMap<>();
            shared.put("NEWSFLOW_BOOTSTRAP_SERVERS", bootstrapServers);
            shared.put("NEWSFLOW_SCHEMA_REGISTRY_URL", registryUrl);
            shared.put("NEWSFLOW_PROCESSING_GUARANTEE", guarantee);
            shared.put("NEWSFLOW_COMMIT_INTERVAL_MS", String.valueOf(commitIntervalMs));
            settings.forEach((key, value) -> shared.put(environmentName(key), value));
            pipeline.startOne("enrich-service", EnrichApp.class, shared, Map.of(
                "NEWSFLOW_STATE_DIR", stateDirectory.resolve("enrich").toString()), jvmOptions, logs);
            pipeline.startOne("feed-service", FeedApp.class, shared, Map.of(
                "NEWSFLOW_STATE_DIR", stateDirectory.resolve("feed").toString()), jvmOptions, logs);
            pipeline.startOne("ingest-service", IngestApp.class, shared, Map.of(
                "NEWSFLOW_AUTH_ENABLED", "false"), jvmOptions, logs);
            return pipeline;
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
    }

    /** {@code kafka.linger.ms} → {@code NEWSFLOW_KAFKA_LINGER_MS}, which {@code Settings} maps back. */
    static String environmentName(String key) {
        return "NEWSFLOW_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private void startOne(String name, Class<?> main, Map<String, String> shared, Map<String, String> own,
                          List<String> jvmOptions, Path logs) throws Exception {
        int port = freePort();
        Map<String, String> environment = new LinkedHashMap<>(shared);
        environment.putAll(own);
        environment.put("NEWSFLOW_HTTP_PORT", String.valueOf(port));
        ChildProcess process = ChildProcess.java(name, logs, jvmOptions, classPath, environment, main.getName());
        processes.put(name, process);
        String url = "http://127.0.0.1:" + port;
        urls.put(name, url);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (status(url + "/health/ready") != 200) {
            process.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within 3 minutes:\n" + process.logTail());
            }
            Thread.sleep(100);
        }
        startSeconds.put(name, Math.round((System.nanoTime() - process.startedNanos()) / 1e8) / 10.0);
    }

    String ingestUrl() {
        return urls.get("ingest-service");
    }

    String feedUrl() {
        return urls.get("feed-service");
    }

    Map<String, Double> startSeconds() {
        return startSeconds;
    }

    Map<String, ChildProcess> processes() {
        return processes;
    }

    /** Throws if any service has exited. */
    void requireAlive() {
        processes.values().forEach(ChildProcess::requireAlive);
    }

    /** CPU time used so far by each service and thread, in seconds. */
    Map<String, Map<String, Double>> threadCpuSeconds() {
        Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();
        processes.forEach((name, process) -> cpu.put(name, io.newsflow.bench.process.ThreadCpu.read(process.pid())));
        return cpu;
    }

    /** CPU time used so far by each service, in seconds. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        processes.forEach((name, process) -> cpu.put(name, process.cpuTime().toNanos() / 1e9));
        return cpu;
    }

    /** Heap in use after a full GC and resident memory of each service, in MiB. */
    Map<String, Map<String, Long>> memory() throws IOException, InterruptedException {
        Map<String, Map<String, Long>> memory = new LinkedHashMap<>();
        for (var entry : processes.entrySet()) {
            memory.put(entry.getKey(), Map.of("heapUsedAfterGcMb", entry.getValue().heapUsedAfterGcMegabytes(),
                "residentMb", entry.getValue().residentMegabytes()));
        }
        return memory;
    }

    /** Starts a JFR recording in every service (the JDK's {@code profile} settings). */
    void startProfiling(String recording) throws IOException, InterruptedException {
        for (ChildProcess process : processes.values()) {
            process.jcmd("JFR.start name=" + recording + " settings=profile");
        }
    }

    /** Stops the recording and writes one {@code <service>-<tag>.jfr} per service; returns the files. */
    List<Path> stopProfiling(String recording, Path directory, String tag) throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        for (var entry : processes.entrySet()) {
            Path file = directory.resolve(entry.getKey() + "-" + tag + ".jfr").toAbsolutePath();
            entry.getValue().jcmd("JFR.stop name=" + recording + " filename=" + file);
            files.add(file);
        }
        return files;
    }

    /** Stops ingest first (no new stories), then feed, then enrich, each with SIGTERM. */
    @Override
    public void close() {
        List<ChildProcess> reverse = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reverse);
        reverse.forEach(ChildProcess::close);
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
