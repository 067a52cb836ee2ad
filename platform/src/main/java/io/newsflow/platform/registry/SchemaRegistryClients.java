package io.newsflow.platform.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@code schema.registry.url} value into a client: {@code mock://scope} gives the in-memory
 * registry of that scope; anything else a cached REST client. Clients are shared per URL so every serde
 * in a JVM shares one id cache.
 */
public final class SchemaRegistryClients {

    public static final String MOCK_SCHEME = "mock://";
    private static final Map<String, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient forUrl(String urls) {
        if (urls == null || urls.isBlank()) {
            throw new IllegalArgumentException("schema.registry.url must be set");
        }
        String trimmed = urls.trim();
        if (trimmed.startsWith(MOCK_SCHEME)) {
            return InMemorySchemaRegistry.scope(trimmed.substring(MOCK_SCHEME.length()));
        }
        return SHARED.computeIfAbsent(trimmed, key -> {
            List<URI> bases = Arrays.stream(key.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(URI::create).toList();
            return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(bases, Duration.ofSeconds(10)));
        });
    }
}
