package io.newsflow.ingest.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.TopicSnapshot;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.schemas.ApiKeyRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys created and revoked through the {@code /keys} API, kept in the compacted {@code ingest.api-keys} topic
 * so they survive restarts, and mirrored into the {@link ApiKeys} the authenticator checks. Keys from the
 * configuration file or environment are not stored here and cannot be revoked over the API.
 */
public final class KeyRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyRegistry.class);

    private final Settings settings;
    private final ApiKeys keys;
    private final Set<String> configured;
    private final Clock clock;
    /** How long a key change may wait for Kafka before it is refused. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private KafkaProducer<String, ApiKeyRecord> producer;

    public KeyRegistry(Settings settings, ApiKeys keys, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.configured = keys.all().stream().map(ApiKey::keyId).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /** Loads the keys created over the API, then opens the producer that records new ones. */
    public void start() {
        var topic = Topics.INGEST_API_KEYS;
        Map<String, ApiKey> stored = new HashMap<>();
        TopicSnapshot.read(settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG), CommonConfig.serdeConfigs(settings), topic,
            Duration.ofSeconds(60), (keyId, record) -> {
                if (record == null) {
                    stored.remove(keyId);
                } else {
                    stored.put(keyId, toKey(record));
                }
            });
        stored.values().forEach(keys::put);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service-keys");
        // A key change is answered within WRITE_TIMEOUT; by default a send could block a request thread for a minute.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis() / 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
        producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde(CommonConfig.serdeConfigs(settings)).serializer());
        log.info("{} API keys created over the API loaded", stored.size());
    }

    /**
     * A new key for {@code owner}'s desk; the token is returned once and only its hash is stored. Synchronized with
     * {@link #revoke}, so that two requests for one key id cannot both pass the check and both be told they got it.
     */
    public synchronized String create(Editor owner, String keyId, Set<Role> roles) {
        if (keys.byId(keyId).isPresent()) {
            throw new IllegalArgumentException("key id '" + keyId + "' is already taken");
        }
        String token = ApiKey.newToken(keyId);
        ApiKey key = new ApiKey(keyId, owner.desk(), roles, ApiKey.hash(token));
        write(keyId, ApiKeyRecord.newBuilder()
            .setKeyId(keyId).setDesk(owner.desk()).setRoles(roles.stream().map(Role::wireName).sorted().toList())
            .setSha256(key.sha256()).setCreatedBy(owner.keyId()).setCreatedAt(clock.instant()).build());
        keys.put(key);
        return token;
    }

    /** Revokes an API-created key; configured keys can only be removed from the configuration. */
    public synchronized void revoke(String keyId) {
        if (configured.contains(keyId)) {
            throw new IllegalStateException("key '" + keyId + "' comes from the configuration; remove it there");
        }
        write(keyId, null);
        keys.remove(keyId);
    }

    public boolean isConfigured(String keyId) {
        return configured.contains(keyId);
    }

    public List<ApiKey> ofDesk(String desk) {
        return keys.ofDesk(desk);
    }

    private void write(String keyId, ApiKeyRecord record) {
        try {
            producer.send(new ProducerRecord<>(Topics.INGEST_API_KEYS.name(), keyId, record))
                .get(WRITE_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new KeyStoreUnavailableException("Kafka did not confirm the key change: "
                + (e instanceof ExecutionException ? e.getCause().getMessage() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyStoreUnavailableException("interrupted while waiting for Kafka to confirm the key change", e);
        }
    }

    /** Kafka did not confirm a key change in time; the request may be retried as it was. */
    public static final class KeyStoreUnavailableException extends RuntimeException {
        KeyStoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static ApiKey toKey(ApiKeyRecord record) {
        return new ApiKey(record.getKeyId(), record.getDesk(),
            record.getRoles().stream().map(Role::parse).collect(Collectors.toSet()), record.getSha256());
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
