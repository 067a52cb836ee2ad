package io.newsflow.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable log: a single-partition compacted topic.
 *
 * <p>State is only ever changed by reading this topic: {@link #append} waits for the broker's
 * acknowledgement and then reads the topic up to and including the new records before returning, so memory
 * never holds anything the log does not. Reading rather than applying the records directly also picks up
 * anything written since the last read.
 *
 * <p>Single writer: this class assumes it is the only process writing to the topic. Two registries on one
 * topic could both hand out the same id. That is fine for dev and tests; production uses Confluent's
 * registry, which elects a leader.
 *
 * <p>Not thread-safe; the caller serialises all calls.
 */
final class KafkaSchemaLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final RegistryConfig config;
    private final Consumer<List<LogRecord>> applier;
    private final TopicPartition partition;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;

    KafkaSchemaLog(RegistryConfig config, Consumer<List<LogRecord>> applier) {
        this.config = config;
        this.applier = applier;
        this.partition = new TopicPartition(config.topic(), 0);
    }

    /** Creates the topic if needed and reads it to the end; returns once the state is complete. */
    void open() {
        ensureTopic();
        producer = new KafkaProducer<>(producerProperties());
        consumer = new KafkaConsumer<>(consumerProperties());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = endOffset(config.initTimeout());
        readUpTo(end, config.initTimeout());
        log.info("Read registry topic {} up to offset {}", config.topic(), end);
    }

    /** Reads whatever was appended since the last read (by this process or, against advice, another). */
    void catchUp() {
        readUpTo(endOffset(config.timeout()), config.timeout());
    }

    /** Durably writes the records in order, then reads them back into the state. */
    void append(List<LogRecord> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            for (LogRecord record : records) {
                acks.add(producer.send(new ProducerRecord<>(config.topic(), 0, LogCodec.key(record),
                    LogCodec.value(record))));
            }
            long lastOffset = -1;
            for (Future<RecordMetadata> ack : acks) {
                lastOffset = ack.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS).offset();
            }
            readUpTo(lastOffset + 1, config.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("Interrupted while writing to the registry topic", e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw RegistryException.storeError("Could not write to the registry topic " + config.topic() + ": "
                + cause, cause);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (consumer != null) {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void readUpTo(long targetOffset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (consumer.position(partition, timeout) < targetOffset) {
                if (System.nanoTime() > deadline) {
                    throw RegistryException.storeError("Timed out reading the registry topic " + config.topic()
                        + " up to offset " + targetOffset, null);
                }
                List<LogRecord> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_INTERVAL)) {
                    decode(record).ifPresent(batch::add);
                }
                applier.accept(batch);
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw RegistryException.storeError("Could not read the registry topic " + config.topic() + ": " + e, e);
        }
    }

    private Optional<LogRecord> decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return Optional.empty();
        }
        try {
            return LogCodec.decode(record.key(), record.value());
        } catch (IllegalArgumentException e) {
            log.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), config.topic(),
                e.getMessage());
            return Optional.empty();
        }
    }

    private long endOffset(Duration timeout) {
        try {
            return consumer.endOffsets(List.of(partition), timeout).get(partition);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw RegistryException.storeError("Could not read the end of the registry topic " + config.topic(), e);
        }
    }

    private void ensureTopic() {
        long timeoutMs = config.initTimeout().toMillis();
        Map<String, Object> props = Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs,
            AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin");
        try (Admin admin = Admin.create(props)) {
            TopicDescription description = describe(admin, timeoutMs);
            if (description == null) {
                create(admin, timeoutMs);
                return;
            }
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("Registry topic " + config.topic() + " has "
                    + description.partitions().size() + " partitions; it must have exactly 1 to keep records ordered");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, config.topic());
            Config topicConfig = admin.describeConfigs(List.of(resource)).all()
                .get(timeoutMs, TimeUnit.MILLISECONDS).get(resource);
            String policy = topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
                log.warn("Registry topic {} has cleanup.policy={}; it should be compact or schemas may be lost",
                    config.topic(), policy);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing the registry topic", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not prepare the registry topic " + config.topic() + " on "
                + config.bootstrapServers(), e);
        }
    }

    private TopicDescription describe(Admin admin, long timeoutMs)
        throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeTopics(List.of(config.topic())).allTopicNames()
                .get(timeoutMs, TimeUnit.MILLISECONDS).get(config.topic());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private void create(Admin admin, long timeoutMs) throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic topic = new NewTopic(config.topic(), 1, config.replicationFactor())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            log.info("Created registry topic {} (compacted, 1 partition, replication factor {})",
                config.topic(), config.replicationFactor());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Map<String, Object> producerProperties() {
        int timeoutMs = (int) config.timeout().toMillis();
        return Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
            ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer",
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    private Map<String, Object> consumerProperties() {
        return Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
            ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            // The reader only polls while catching up after a write, so a long broker-side wait only adds latency.
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }
}
