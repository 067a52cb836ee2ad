package io.newsflow.dev.chaos;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.newsflow.enrich.EnrichApp;
import io.newsflow.feed.FeedApp;
import io.newsflow.ingest.IngestApp;
import io.newsflow.registry.SchemaRegistryMain;
import io.newsflow.testkit.EmbeddedKafkaBrokerMain;
import io.newsflow.testkit.FreePorts;

/**
 * The pipeline as it runs in production: the broker, the schema registry, enrich-service, feed-service and
 * ingest-service each in a JVM of its own, started with their real {@code main} methods and configured through
 * {@code NEWSFLOW_*} environment variables. Ports are fixed for the whole run and data stays in one directory,
 * so a restarted process comes back at the same address with the same state.
 */
final class ProcessStack implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final int kafkaPort = FreePorts.pick();
    private final int controllerPort = FreePorts.pick();
    private final int registryPort = FreePorts.pick();
    private final int ingestPort = FreePorts.pick();
    private final int feedPort = FreePorts.pick();
    private final int enrichPort = FreePorts.pick();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ChildJvm broker;
    private final ChildJvm registry;
    private final ChildJvm enrich;
    private final ChildJvm feed;
    private final ChildJvm ingest;

    ProcessStack(Path root) {
        Path data = root.resolve("data");
        Path logs = root.resolve("logs");
        broker = ChildJvm.of("broker", EmbeddedKafkaBrokerMain.class,
            List.of(data.resolve("kafka").toString(), String.valueOf(kafkaPort), String.valueOf(controllerPort)),
            Map.of(), "384m", logs);
        registry = ChildJvm.of("registry", SchemaRegistryMain.class,
            List.of("--host", "127.0.0.1", "--port", String.valueOf(registryPort), "--bootstrap-servers", bootstrapServers()),
            Map.of(), "128m", logs);
        Map<String, String> streamsApp = Map.of(
            // A SIGKILLed member never leaves its group: keep the wait for its session to expire short.
            "kafka.main.consumer.session.timeout.ms", "6000",
            "kafka.main.consumer.heartbeat.interval.ms", "1500");
        enrich = ChildJvm.of("enrich", EnrichApp.class, List.of(), service(enrichPort, Map.of(
            "state.dir", data.resolve("enrich-state").toString()), streamsApp), "384m", logs);
        feed = ChildJvm.of("feed", FeedApp.class, List.of(), service(feedPort, Map.of(
            "state.dir", data.resolve("feed-state").toString()), streamsApp), "256m", logs);
        ingest = ChildJvm.of("ingest", IngestApp.class, List.of(), service(ingestPort, Map.of(
            // As in the dev stack: bound to 127.0.0.1, no API keys.
            "auth.enabled", "false"), Map.of()), "256m", logs);
        // Child processes outlive a test JVM that dies without closing them; this takes them along.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> all().forEach(ChildJvm::destroyIfAlive), "chaos-children"));
    }

    private List<ChildJvm> all() {
        return List.of(ingest, feed, enrich, registry, broker);
    }

    private Map<String, String> service(int port, Map<String, String> own, Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(own);
        settings.putAll(more);
        settings.put("bootstrap.servers", bootstrapServers());
        settings.put("schema.registry.url", registryUrl().toString());
        settings.put("http.port", String.valueOf(port));
        return ChildJvm.newsflowEnvironment(settings);
    }

    /**
     * Starts everything: the broker, then the registry and the three services side by side (no service needs the
     * registry before its first story).
     */
    ProcessStack start() {
        startBroker();
        registry.start();
        for (ChildJvm service : services()) {
            service.start();
        }
        waitFor("registry ready", registry, () -> status(registryUrl().resolve("/subjects")) == 200);
        for (ChildJvm service : services()) {
            awaitReady(service);
        }
        return this;
    }

    void startBroker() {
        broker.start();
        waitFor("broker ready", broker, () -> Files.exists(broker.logFile())
            && Files.readString(broker.logFile()).contains(EmbeddedKafkaBrokerMain.READY));
    }

    /** Waits until a service answers {@code /health/ready} with 200: HTTP up, Streams RUNNING or the writer alive, Kafka reachable. */
    void awaitReady(ChildJvm service) {
        waitFor(service.name() + " ready", service, () -> status(baseUrl(service).resolve("/health/ready")) == 200);
    }

    private static void waitFor(String what, ChildJvm jvm, java.util.concurrent.Callable<Boolean> condition) {
        await(what).atMost(READY_WITHIN).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
            .failFast(() -> {
                if (!jvm.isAlive()) {
                    throw new AssertionError(jvm.name() + " exited while starting; log tail:\n" + jvm.logTail(40));
                }
            })
            .until(condition);
    }

    private int status(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    List<ChildJvm> services() {
        return List.of(enrich, feed, ingest);
    }

    ChildJvm broker() {
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    URI registryUrl() {
        return URI.create("http://127.0.0.1:" + registryPort);
    }

    URI ingestUrl() {
        return baseUrl(ingest);
    }

    URI feedUrl() {
        return baseUrl(feed);
    }

    private URI baseUrl(ChildJvm service) {
        int port = service == ingest ? ingestPort : service == feed ? feedPort : enrichPort;
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops the services (side by side), then the registry, then the broker, each cleanly. */
    @Override
    public void close() {
        services().forEach(ChildJvm::terminate);
        all().forEach(ChildJvm::close);
    }
}
