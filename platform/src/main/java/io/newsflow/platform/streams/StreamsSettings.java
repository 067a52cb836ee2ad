package io.newsflow.platform.streams;

import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams properties shared by Newsflow's Streams apps. Exactly-once v2 by default; a record that
 * cannot be deserialized or processed goes to its topic's dead-letter topic ({@link DeadLetterRouter}) so one poison
 * record never stops the pipeline.
 */
public final class StreamsSettings {

    /** Streams processing guarantee: {@code exactly_once_v2} or {@code at_least_once}. */
    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    /** Where RocksDB state lives; keep it on a disk that survives restarts. */
    public static final String STATE_DIR_CONFIG = "state.dir";
    /** How often offsets and transactions commit; bounds end-to-end latency under exactly-once. */
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";

    private StreamsSettings() {
    }

    public static Properties from(Settings settings, String applicationId, MeterRegistry meters) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.optional(PROCESSING_GUARANTEE_CONFIG).orElse(StreamsConfig.EXACTLY_ONCE_V2));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.optional(COMMIT_INTERVAL_MS_CONFIG).orElse("100"));
        settings.optional(STATE_DIR_CONFIG).ifPresent(dir -> props.put(StreamsConfig.STATE_DIR_CONFIG, dir));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.string(CommonConfig.TOPIC_REPLICATION_FACTOR_CONFIG));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterRouter.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterRouter.class);
        props.put(DeadLetterRouter.METER_REGISTRY_CONFIG, meters);
        // Opt in now to what Kafka 5.0 makes the default, so global stores get the same handling.
        props.put("processing.exception.handler.global.enabled", "true");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // The inputs are written in transactions (ingest-service always, enrich-service under exactly-once), and a
        // story in an aborted one was answered as not published. Exactly-once reads committed records by itself;
        // at-least-once would read the aborted ones too unless told otherwise.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        props.putAll(settings.withPrefix(CommonConfig.KAFKA_CLIENT_PREFIX));
        return props;
    }
}
