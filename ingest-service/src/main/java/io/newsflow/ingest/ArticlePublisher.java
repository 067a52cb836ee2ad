package io.newsflow.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.schemas.ArticlePublished;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes story versions to {@code articles.published}, keyed by story id, with an idempotent
 * {@code acks=all} producer, and waits for the broker's acknowledgement so that an HTTP 202 always means
 * the version is durably in Kafka.
 */
public final class ArticlePublisher implements AutoCloseable {

    private final KafkaProducer<String, ArticlePublished> producer;
    private final Duration timeout;

    public ArticlePublisher(Settings settings) {
        Map<String, Object> props = new HashMap<>(settings.withPrefix(CommonConfig.KAFKA_CLIENT_PREFIX));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        long timeoutMs = settings.integer(IngestConfig.PUBLISH_TIMEOUT_MS_CONFIG);
        // The producer gives up before the HTTP request does, so a 503 never hides a later silent write.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, timeoutMs / 2));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        this.timeout = Duration.ofMillis(timeoutMs + 1_000);
        var topic = Topics.ARTICLES_PUBLISHED;
        this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
            topic.valueSerde(CommonConfig.serdeConfigs(settings)).serializer());
    }

    /** Publishes one version and returns where it landed. */
    public PublishReceipt publish(ArticlePublished article) throws PublishFailedException {
        // The record timestamp is the ingest time, not publishedAt: a backdated story must neither fall
        // outside topic retention at once nor distort lag measured in seconds.
        var record = new ProducerRecord<>(Topics.ARTICLES_PUBLISHED.name(), null,
            article.getIngestedAt().toEpochMilli(), article.getId(), article);
        try {
            RecordMetadata metadata = producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new PublishReceipt(article.getId(), article.getVersion(), metadata.topic(), metadata.partition(), metadata.offset());
        } catch (ExecutionException e) {
            throw new PublishFailedException(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(e);
        } catch (RuntimeException e) {
            // Serialization and registry failures surface synchronously from send().
            throw new PublishFailedException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Where a published version landed. */
    public record PublishReceipt(String id, int version, String topic, int partition, long offset) {
    }

    /** The broker did not acknowledge the version; nothing is known to be published. */
    public static final class PublishFailedException extends Exception {
        public PublishFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
