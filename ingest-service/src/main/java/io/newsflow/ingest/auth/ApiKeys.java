package io.newsflow.ingest.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The keys ingest-service accepts. Configured keys come from a file or an environment variable, one per
 * line or {@code ;}-separated: {@code keyId desk role,role sha256-of-token}. Keys created over the API are
 * added at run time and persisted by {@link KeyRegistry}.
 */
public final class ApiKeys {

    private final Map<String, ApiKey> byId = new ConcurrentHashMap<>();

    public static ApiKeys parse(String spec) {
        ApiKeys keys = new ApiKeys();
        for (String line : spec.split("[;\\n]")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 4 || !parts[3].matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("API key entry must be 'keyId desk role,role sha256hex'; got a line starting with '"
                    + parts[0] + "'");
            }
            var roles = Arrays.stream(parts[2].split(",")).map(Role::parse).collect(Collectors.toSet());
            keys.put(new ApiKey(parts[0], parts[1], roles, parts[3]));
        }
        return keys;
    }

    public static ApiKeys fromFile(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read API keys from " + file, e);
        }
    }

    public void put(ApiKey key) {
        byId.put(key.keyId(), key);
    }

    public void remove(String keyId) {
        byId.remove(keyId);
    }

    public Optional<ApiKey> byId(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    /** The editor a presented token belongs to, if it is a valid key. */
    public Optional<Editor> authenticate(String token) {
        return ApiKey.keyIdOf(token).flatMap(this::byId).filter(key -> key.matches(token)).map(ApiKey::editor);
    }

    public List<ApiKey> ofDesk(String desk) {
        List<ApiKey> keys = new ArrayList<>();
        byId.values().stream().filter(key -> key.desk().equals(desk)).forEach(keys::add);
        return keys;
    }

    public Collection<ApiKey> all() {
        return List.copyOf(byId.values());
    }
}
