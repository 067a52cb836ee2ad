package io.newsflow.platform.serde;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's settings, under the names Confluent's Avro serdes use, so a properties file written for
 * {@code io.confluent.kafka.serializers.KafkaAvroSerializer} configures this serde unchanged.
 */
public record AvroSerdeConfig(String schemaRegistryUrl, boolean autoRegisterSchemas, boolean useLatestVersion,
                              boolean specificAvroReader) {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";
    public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";

    /** Subjects are {@code <topic>-key} / {@code <topic>-value}; Confluent's class name is accepted as an alias. */
    static final Set<String> TOPIC_NAME_STRATEGIES = Set.of(
        "io.confluent.kafka.serializers.subject.TopicNameStrategy",
        "TopicNameStrategy");

    public static AvroSerdeConfig from(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL_CONFIG);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL_CONFIG + "\"");
        }
        requireTopicNameStrategy(configs, KEY_SUBJECT_NAME_STRATEGY_CONFIG);
        requireTopicNameStrategy(configs, VALUE_SUBJECT_NAME_STRATEGY_CONFIG);
        return new AvroSerdeConfig(url.toString(),
            flag(configs, AUTO_REGISTER_SCHEMAS_CONFIG, true),
            flag(configs, USE_LATEST_VERSION_CONFIG, false),
            flag(configs, SPECIFIC_AVRO_READER_CONFIG, false));
    }

    private static boolean flag(Map<String, ?> configs, String name, boolean fallback) {
        Object value = configs.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigException(name, value, "Expected true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static void requireTopicNameStrategy(Map<String, ?> configs, String name) {
        Object value = configs.get(name);
        if (value == null) {
            return;
        }
        String strategy = value instanceof Class<?> c ? c.getName() : value.toString().trim();
        if (!TOPIC_NAME_STRATEGIES.contains(strategy) && !strategy.endsWith(".TopicNameStrategy")) {
            throw new ConfigException(name, value, "Only TopicNameStrategy (<topic>-key, <topic>-value) is supported");
        }
    }
}
