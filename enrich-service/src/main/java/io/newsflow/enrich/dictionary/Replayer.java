package io.newsflow.enrich.dictionary;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.registry.SchemaRegistryException;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-enrichment after a dictionary change: reads {@code articles.published} from N hours back (by record
 * timestamp, which is the ingest time) to its current end, keeps the newest version of each live story, and
 * writes those to {@code enrich.replay}. The topology reads that topic together with
 * {@code articles.published}, so replays pass the same version guard and reach the same outputs, in order
 * with any newer version that arrives meanwhile.
 */
public final class Replayer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Replayer.class);

    private final Settings settings;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dictionary-replay");
        thread.setDaemon(true);
        return thread;
    });

    public Replayer(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts a replay of the last {@code hours} hours in the background. */
    public void replayLast(int hours) {
        worker.submit(() -> {
            try {
                int count = replay(Duration.ofHours(hours));
                log.info("replayed {} stories of the last {} hours for re-enrichment", count, hours);
            } catch (RuntimeException e) {
                log.error("replay of the last {} hours failed: {}", hours, e.getMessage(), e);
            }
        });
    }

    int replay(Duration window) {
        var source = Topics.ARTICLES_PUBLISHED;
        var target = Topics.ENRICH_REPLAY;
        Map<String, Object> serde = CommonConfig.serdeConfigs(settings);
        Map<String, Object> consumerProps = new HashMap<>();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG));
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, ArticlePublished> newest = new LinkedHashMap<>();
        int unreadable = 0;
        // Values are decoded here, one at a time: the window may hold records the topology dead-lettered, and a
        // consumer's own deserializer would end the whole replay at the first of them.
        var values = source.valueSerde(serde).deserializer();
        try (var consumer = new KafkaConsumer<>(consumerProps, source.keySerde().deserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(source.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            long since = clock.millis() - window.toMillis();
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    log.warn("replay read {} for 5 minutes without reaching its end; only the stories read so far are replayed",
                        source.name());
                    break;
                }
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    ArticlePublished article;
                    try {
                        article = values.deserialize(record.topic(), record.headers(), record.value());
                    } catch (RuntimeException e) {
                        if (registryUnavailable(e)) {
                            throw e; // a good story we cannot read now: better no replay than one that skips it
                        }
                        unreadable++;
                        log.warn("replay skips {}-{}@{}, which cannot be read (the topology dead-lettered it): {}",
                            record.topic(), record.partition(), record.offset(), e.getMessage());
                        continue;
                    }
                    ArticlePublished known = newest.get(record.key());
                    if (known == null || known.getVersion() <= article.getVersion()) {
                        newest.put(record.key(), article);
                    }
                }
            }
        }
        if (unreadable > 0) {
            log.warn("replay skipped {} unreadable records", unreadable);
        }
        newest.values().removeIf(article -> article.getPubStatus() == PubStatus.canceled);
        Map<String, Object> producerProps = new HashMap<>();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG));
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (var producer = new KafkaProducer<>(producerProps, target.keySerde().serializer(), target.valueSerde(serde).serializer())) {
            newest.forEach((id, article) -> sent.add(producer.send(new ProducerRecord<>(target.name(), id, article))));
            producer.flush();
        }
        long failed = sent.stream().filter(Replayer::failed).count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + sent.size() + " stories could not be written to " + target.name());
        }
        return newest.size();
    }

    private static boolean failed(Future<RecordMetadata> send) {
        try {
            send.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static boolean registryUnavailable(Throwable e) {
        return SchemaRegistryException.inCauseChain(e).filter(SchemaRegistryException::registryUnavailable).isPresent();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
