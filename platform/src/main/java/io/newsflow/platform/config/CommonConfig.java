package io.newsflow.platform.config;

import java.util.HashMap;
import java.util.Map;

import io.newsflow.platform.http.HttpServer;
import io.newsflow.platform.serde.AvroSerdeConfig;

/**
 * Settings every Newsflow service shares. Service-specific ones live in each service's own config class,
 * which starts from {@link #DEFAULTS}.
 */
public final class CommonConfig {

    /** Kafka brokers to bootstrap from. */
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    /** Comma-separated Confluent-compatible registry URLs, or {@code mock://scope} in unit tests. */
    public static final String SCHEMA_REGISTRY_URL_CONFIG = AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG;
    /** Whether serializers register new schemas; production setups usually turn this off and register in CI. */
    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG;
    /** Partitions for topics a service creates when they are missing. */
    public static final String TOPIC_PARTITIONS_CONFIG = "topic.partitions";
    /** Replication factor for topics a service creates when they are missing. */
    public static final String TOPIC_REPLICATION_FACTOR_CONFIG = "topic.replication.factor";
    /** Address the HTTP server binds to. */
    public static final String HTTP_HOST_CONFIG = "http.host";
    /** Port of the service's HTTP API; 0 picks a free one. */
    public static final String HTTP_PORT_CONFIG = "http.port";
    /** Largest request body the HTTP server reads, in bytes; routes may set tighter limits of their own. */
    public static final String HTTP_MAX_REQUEST_BYTES_CONFIG = "http.max.request.bytes";
    /**
     * Most threads the HTTP server (Jetty) runs requests on. Every request in progress holds one, so this bounds how
     * many a service works on at once; requests beyond it wait in Jetty's queue.
     */
    public static final String HTTP_THREADS_MAX_CONFIG = "http.threads.max";
    /** How often a service samples its consumer group's lag for {@code /metrics} (and the lag page). */
    public static final String LAG_SAMPLE_INTERVAL_MS_CONFIG = "lag.sample.interval.ms";
    /** Settings with this prefix are passed to Kafka clients as they are ({@code kafka.linger.ms=5}). */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.";

    public static final Map<String, String> DEFAULTS = Map.of(
        BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
        SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:8081",
        AUTO_REGISTER_SCHEMAS_CONFIG, "true",
        TOPIC_PARTITIONS_CONFIG, "3",
        TOPIC_REPLICATION_FACTOR_CONFIG, "1",
        HTTP_HOST_CONFIG, "127.0.0.1",
        HTTP_MAX_REQUEST_BYTES_CONFIG, String.valueOf(1024 * 1024),
        HTTP_THREADS_MAX_CONFIG, String.valueOf(HttpServer.DEFAULT_MAX_THREADS),
        LAG_SAMPLE_INTERVAL_MS_CONFIG, "5000");

    private CommonConfig() {
    }

    /** {@link #DEFAULTS} plus a service's own defaults. */
    public static Map<String, String> defaultsWith(Map<String, String> serviceDefaults) {
        Map<String, String> all = new HashMap<>(DEFAULTS);
        all.putAll(serviceDefaults);
        return all;
    }

    /** The serde settings in Confluent's names, taken from a service's settings. */
    public static Map<String, Object> serdeConfigs(Settings settings) {
        return Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, settings.string(SCHEMA_REGISTRY_URL_CONFIG),
            AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, settings.string(AUTO_REGISTER_SCHEMAS_CONFIG),
            AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, "true");
    }
}
