package io.newsflow.registry;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the registry standalone until the JVM is told to stop.
 *
 * <pre>
 * java io.newsflow.registry.SchemaRegistryMain --port 8081 --bootstrap-servers localhost:9092
 * </pre>
 *
 * Settings come from, in increasing priority: defaults, environment variables in the Confluent Docker
 * image's style ({@code SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS} → {@code kafkastore.bootstrap.servers}),
 * and the command line: {@code --port}, {@code --host}, {@code --bootstrap-servers}, {@code --topic},
 * {@code --compatibility}, or any property as {@code --property key=value}.
 */
public final class SchemaRegistryMain {

    private static final String ENV_PREFIX = "SCHEMA_REGISTRY_";

    private SchemaRegistryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> props;
        try {
            props = settings(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: SchemaRegistryMain --bootstrap-servers HOST:PORT [--port 8081] [--host 0.0.0.0]"
                + " [--topic _schemas] [--compatibility BACKWARD] [--property key=value]...");
            System.exit(2);
            return;
        }
        SchemaRegistryServer server = SchemaRegistryServer.start(RegistryConfig.fromMap(props));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "schema-registry-shutdown"));
        stopped.await();
    }

    /** Merges environment and arguments into Confluent-style properties. */
    static Map<String, String> settings(Map<String, String> env, String[] args) {
        Map<String, String> props = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                props.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        String host = null;
        String port = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = value;
                case "--host" -> host = value;
                case "--bootstrap-servers" -> props.put(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, value);
                case "--topic" -> props.put(RegistryConfig.KAFKASTORE_TOPIC_CONFIG, value);
                case "--compatibility" -> props.put(RegistryConfig.SCHEMA_COMPATIBILITY_LEVEL_CONFIG, value);
                case "--property" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("Expected key=value after --property, got " + value);
                    }
                    props.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        if (host != null || port != null) {
            props.put(RegistryConfig.LISTENERS_CONFIG, "http://" + (host == null ? "0.0.0.0" : host) + ":"
                + (port == null ? "8081" : port));
        }
        if (!props.containsKey(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("No Kafka bootstrap servers given (--bootstrap-servers or "
                + "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS)");
        }
        return props;
    }
}
