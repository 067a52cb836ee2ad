package io.newsflow.registry;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of one registry instance, parsed from the same property names Confluent Schema Registry uses,
 * so a {@code schema-registry.properties} written for {@code cp-schema-registry} mostly works here too.
 *
 * <p>Only the keys below are understood; anything else in the map is ignored.
 */
public final class RegistryConfig {

    /** Comma-separated listener URLs, e.g. {@code http://0.0.0.0:8081}; only the first one is used. */
    public static final String LISTENERS_CONFIG = "listeners";
    /** Legacy single port setting; used when {@link #LISTENERS_CONFIG} is absent. 0 picks a free port. */
    public static final String PORT_CONFIG = "port";
    /** Interface to bind when only {@link #PORT_CONFIG} is given. */
    public static final String HOST_NAME_CONFIG = "host.name";
    public static final String KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG = "kafkastore.bootstrap.servers";
    public static final String KAFKASTORE_TOPIC_CONFIG = "kafkastore.topic";
    public static final String KAFKASTORE_TOPIC_REPLICATION_FACTOR_CONFIG = "kafkastore.topic.replication.factor";
    /** How long a write may wait for the broker's acknowledgement before failing with error 50001. */
    public static final String KAFKASTORE_TIMEOUT_CONFIG = "kafkastore.timeout.ms";
    /** How long startup may take to create the topic and read it to the end. */
    public static final String KAFKASTORE_INIT_TIMEOUT_CONFIG = "kafkastore.init.timeout.ms";
    public static final String SCHEMA_COMPATIBILITY_LEVEL_CONFIG = "schema.compatibility.level";

    public static final String DEFAULT_LISTENER = "http://0.0.0.0:8081";
    public static final String DEFAULT_TOPIC = "_schemas";
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(60);
    public static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD;

    private final String host;
    private final int port;
    private final String bootstrapServers;
    private final String topic;
    private final short replicationFactor;
    private final Duration timeout;
    private final Duration initTimeout;
    private final CompatibilityLevel compatibilityLevel;

    private RegistryConfig(Map<String, String> props) {
        URI listener = URI.create(firstListener(props));
        this.host = listener.getHost() == null ? "0.0.0.0" : listener.getHost();
        this.port = listener.getPort() < 0 ? 8081 : listener.getPort();
        this.bootstrapServers = required(props, KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG);
        this.topic = props.getOrDefault(KAFKASTORE_TOPIC_CONFIG, DEFAULT_TOPIC);
        this.replicationFactor = Short.parseShort(props.getOrDefault(
            KAFKASTORE_TOPIC_REPLICATION_FACTOR_CONFIG, String.valueOf(DEFAULT_REPLICATION_FACTOR)));
        this.timeout = millis(props, KAFKASTORE_TIMEOUT_CONFIG, DEFAULT_TIMEOUT);
        this.initTimeout = millis(props, KAFKASTORE_INIT_TIMEOUT_CONFIG, DEFAULT_INIT_TIMEOUT);
        String level = props.get(SCHEMA_COMPATIBILITY_LEVEL_CONFIG);
        this.compatibilityLevel = level == null ? DEFAULT_COMPATIBILITY : CompatibilityLevel.parse(level)
            .orElseThrow(() -> new IllegalArgumentException(
                "Unknown " + SCHEMA_COMPATIBILITY_LEVEL_CONFIG + " '" + level + "'"));
        if (topic.isBlank()) {
            throw new IllegalArgumentException(KAFKASTORE_TOPIC_CONFIG + " must not be blank");
        }
    }

    /** Parses Confluent-style properties; throws {@link IllegalArgumentException} on missing or bad values. */
    public static RegistryConfig fromMap(Map<String, String> props) {
        return new RegistryConfig(Map.copyOf(props));
    }

    /** The common test/dev case: listen on 127.0.0.1 at {@code port} (0 = any free port). */
    public static RegistryConfig forLocal(String bootstrapServers, int port) {
        return fromMap(Map.of(
            LISTENERS_CONFIG, "http://127.0.0.1:" + port,
            KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** A copy with some properties overridden, for tests and tooling. */
    public RegistryConfig with(String key, String value) {
        Map<String, String> props = new HashMap<>(toMap());
        props.put(key, value);
        return fromMap(props);
    }

    /** The configuration as Confluent-style properties (round-trips through {@link #fromMap}). */
    public Map<String, String> toMap() {
        return Map.of(
            LISTENERS_CONFIG, "http://" + host + ":" + port,
            KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            KAFKASTORE_TOPIC_CONFIG, topic,
            KAFKASTORE_TOPIC_REPLICATION_FACTOR_CONFIG, String.valueOf(replicationFactor),
            KAFKASTORE_TIMEOUT_CONFIG, String.valueOf(timeout.toMillis()),
            KAFKASTORE_INIT_TIMEOUT_CONFIG, String.valueOf(initTimeout.toMillis()),
            SCHEMA_COMPATIBILITY_LEVEL_CONFIG, compatibilityLevel.name());
    }

    public String host() {
        return host;
    }

    /** The configured port; 0 means "any free port" (ask the running server for the real one). */
    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topic() {
        return topic;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration initTimeout() {
        return initTimeout;
    }

    public CompatibilityLevel compatibilityLevel() {
        return compatibilityLevel;
    }

    @Override
    public String toString() {
        return "RegistryConfig" + new java.util.TreeMap<>(toMap());
    }

    private static String firstListener(Map<String, String> props) {
        String listeners = props.get(LISTENERS_CONFIG);
        if (listeners != null && !listeners.isBlank()) {
            String first = listeners.split(",")[0].trim();
            if (!first.startsWith("http://")) {
                throw new IllegalArgumentException("Only http:// listeners are supported, got '" + first + "'");
            }
            return first;
        }
        String port = props.get(PORT_CONFIG);
        if (port != null) {
            return "http://" + props.getOrDefault(HOST_NAME_CONFIG, "0.0.0.0") + ":" + Integer.parseInt(port.trim());
        }
        return DEFAULT_LISTENER;
    }

    private static String required(Map<String, String> props, String key) {
        String value = props.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing required setting " + key);
        }
        return value.trim();
    }

    private static Duration millis(Map<String, String> props, String key, Duration fallback) {
        String value = props.get(key);
        return value == null ? fallback : Duration.ofMillis(Long.parseLong(value.trim()));
    }
}
