package io.newsflow.registry;

import java.net.URI;

import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running schema registry: the Kafka-backed store plus the HTTP API.
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.forLocal(bootstrap, 0))) {
 *     URI url = registry.url();   // e.g. http://127.0.0.1:43517, for schema.registry.url
 * }
 * }</pre>
 *
 * {@link #start} returns only after the whole topic has been read, so the first request already sees
 * every schema registered before.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private final RegistryConfig config;
    private final KafkaSchemaLog store;
    private final Javalin http;
    private boolean stopped;

    private SchemaRegistryServer(RegistryConfig config, KafkaSchemaLog store, Javalin http) {
        this.config = config;
        this.store = store;
        this.http = http;
    }

    /** Prepares the topic, rebuilds the state from it, then starts serving HTTP. */
    public static SchemaRegistryServer start(RegistryConfig config) {
        RegistryState state = new RegistryState();
        KafkaSchemaLog store = new KafkaSchemaLog(config, state::apply);
        Javalin http = null;
        try {
            store.open();
            RegistryRoutes routes = new RegistryRoutes(new SchemaRegistry(state, store, config.compatibilityLevel()));
            http = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.http.prefer405over404 = true;
                cfg.jetty.host = config.host();
                cfg.jetty.port = config.port();
                routes.install(cfg.routes);
            });
            http.start();
        } catch (RuntimeException e) {
            if (http != null) {
                http.stop();
            }
            store.close();
            throw e;
        }
        SchemaRegistryServer server = new SchemaRegistryServer(config, store, http);
        log.info("Schema registry listening on {} (topic {}, default compatibility {})", server.url(),
            config.topic(), config.compatibilityLevel());
        return server;
    }

    /** The port actually bound; differs from the configured one when that was 0. */
    public int port() {
        return http.port();
    }

    /** Base URL clients should use as {@code schema.registry.url}. */
    public URI url() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return URI.create("http://" + host + ":" + port());
    }

    public RegistryConfig config() {
        return config;
    }

    /** Stops HTTP first, so no request is half-handled, then the Kafka clients. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        http.stop();
        store.close();
    }

    @Override
    public void close() {
        stop();
    }
}
