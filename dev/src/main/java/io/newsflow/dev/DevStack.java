package io.newsflow.dev;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.newsflow.enrich.EnrichApp;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.feed.FeedApp;
import io.newsflow.feed.FeedConfig;
import io.newsflow.ingest.IngestApp;
import io.newsflow.ingest.IngestConfig;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.streams.StreamsSettings;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.testkit.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: a real KRaft broker (unless an external one is given), the
 * Kafka-backed schema registry, ingest-service, enrich-service and feed-service. Everything keeps its state
 * under one data directory, so stopping and starting again keeps every story and schema id.
 */
public final class DevStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);

    /** Where each part listens; 0 picks a free port (tests), the defaults are the documented ones. */
    public record Ports(int kafka, int controller, int registry, int ingest, int feed, int enrich) {
        public static Ports defaults() {
            return new Ports(9092, 9093, 8081, 8082, 8083, 8084);
        }

        public static Ports random() {
            return new Ports(0, 0, 0, 0, 0, 0);
        }
    }

    /**
     * How to start the stack: the data directory, ports, optionally an external Kafka to use instead, and
     * whether authentication was configured (through {@code NEWSFLOW_AUTH_*} or {@code -Dauth.*}); without
     * it, ingest runs with auth off.
     */
    public record Options(Path dataDirectory, Ports ports, Optional<String> externalBootstrapServers, boolean authConfigured) {

        public Options(Path dataDirectory, Ports ports, Optional<String> externalBootstrapServers) {
            this(dataDirectory, ports, externalBootstrapServers, authConfiguredInEnvironment());
        }

        static boolean authConfiguredInEnvironment() {
            return System.getenv().keySet().stream().anyMatch(name -> name.startsWith("NEWSFLOW_AUTH_"))
                || System.getProperties().stringPropertyNames().stream().anyMatch(name -> name.startsWith("auth."));
        }
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private String bootstrapServers;
    private URI registryUrl;
    private URI ingestUrl;
    private URI feedUrl;
    private URI enrichUrl;

    private DevStack() {
    }

    public static DevStack start(Options options) {
        DevStack stack = new DevStack();
        try {
            stack.startAll(options);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options options) {
        Ports ports = options.ports();
        Path data = options.dataDirectory().toAbsolutePath();
        bootstrapServers = options.externalBootstrapServers().orElseGet(() -> {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(data.resolve("kafka"), ports.kafka(), ports.controller(), Map.of());
            started.push(broker.start());
            return broker.bootstrapServers();
        });

        SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.forLocal(bootstrapServers, ports.registry()));
        started.push(registry);
        registryUrl = URI.create("http://127.0.0.1:" + registry.port());

        Map<String, String> shared = new HashMap<>();
        shared.put(CommonConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        shared.put(CommonConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl.toString());
        shared.put(StreamsSettings.STATE_DIR_CONFIG, data.resolve("streams").toString());
        // After a crash the restarted Streams apps wait out the dead members' session; keep that short in dev.
        shared.put(CommonConfig.KAFKA_CLIENT_PREFIX + "main.consumer.session.timeout.ms", "10000");

        EnrichApp enrich = new EnrichApp(EnrichConfig.load(with(shared, CommonConfig.HTTP_PORT_CONFIG, ports.enrich())));
        startService(enrich);
        enrichUrl = URI.create("http://127.0.0.1:" + enrich.httpPort());

        FeedApp feed = new FeedApp(FeedConfig.load(with(shared, CommonConfig.HTTP_PORT_CONFIG, ports.feed())));
        startService(feed);
        feedUrl = URI.create("http://127.0.0.1:" + feed.httpPort());

        Map<String, String> ingestSettings = with(shared, CommonConfig.HTTP_PORT_CONFIG, ports.ingest());
        ingestSettings.remove(CommonConfig.KAFKA_CLIENT_PREFIX + "main.consumer.session.timeout.ms");
        if (!options.authConfigured()) {
            // Dev mode binds to 127.0.0.1 and runs open so the README's curl examples work; IngestApp says so loudly.
            ingestSettings.put(IngestConfig.AUTH_ENABLED_CONFIG, "false");
        }
        IngestApp ingest = new IngestApp(IngestConfig.load(ingestSettings));
        startService(ingest);
        ingestUrl = URI.create("http://127.0.0.1:" + ingest.httpPort());
    }

    private void startService(io.newsflow.platform.Service service) {
        started.push(service);
        service.start();
    }

    private static Map<String, String> with(Map<String, String> shared, String key, int value) {
        Map<String, String> copy = new HashMap<>(shared);
        copy.put(key, String.valueOf(value));
        return copy;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public URI registryUrl() {
        return registryUrl;
    }

    public URI ingestUrl() {
        return ingestUrl;
    }

    public URI feedUrl() {
        return feedUrl;
    }

    public URI enrichUrl() {
        return enrichUrl;
    }

    /** Stops everything in reverse start order: HTTP and Streams first, the broker last. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", part.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
