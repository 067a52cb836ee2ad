package io.newsflow.platform.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Immutable configuration of one service. Values come, lowest precedence first, from the service's
 * defaults, {@code NEWSFLOW_*} environment variables ({@code NEWSFLOW_SCHEMA_REGISTRY_URL} sets
 * {@code schema.registry.url}), {@code -D} system properties, and explicit overrides such as command-line
 * options. Keys keep the dotted names Kafka and Confluent users already know.
 */
public final class Settings {

    private static final String ENV_PREFIX = "NEWSFLOW_";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Settings from the defaults plus environment and system properties, then {@code overrides}. */
    public static Settings load(Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(defaults);
        System.getenv().forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                merged.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        System.getProperties().forEach((name, value) -> {
            String key = name.toString();
            if (defaults.containsKey(key)) {
                merged.put(key, value.toString());
            }
        });
        merged.putAll(overrides);
        return new Settings(merged);
    }

    /** Exactly these values, for tests. */
    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    public Settings with(String key, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(key, value);
        return new Settings(copy);
    }

    public String string(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Missing setting " + key);
        }
        return value;
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public int integer(String key) {
        String value = string(key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting " + key + " must be an integer, was '" + value + "'", e);
        }
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(string(key).trim());
    }

    /** Every setting whose key starts with {@code prefix}, with the prefix removed ({@code kafka.linger.ms} → {@code linger.ms}). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> selected = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                selected.put(key.substring(prefix.length()), value);
            }
        });
        return selected;
    }

    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }
}
