package io.newsflow.feed.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of {@code feed.events} (committed records only, from the moment this instance
 * starts) into the {@link LiveFeed}, so each instance's live stream carries the whole feed, not just the
 * partitions it happens to own.
 */
public final class LiveEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final KafkaConsumer<String, io.newsflow.schemas.ArticleEnriched> consumer;
    private final LiveFeed live;
    private final Thread thread;
    private volatile boolean running = true;

    public LiveEvents(Settings settings, LiveFeed live) {
        this.live = live;
        var topic = Topics.FEED_EVENTS;
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde(CommonConfig.serdeConfigs(settings)).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> live.startsAt(partition.partition(), consumer.position(partition)));
        this.thread = new Thread(this::run, "feed-live-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    String eventId = record.partition() + "-" + record.offset();
                    if (record.value() == null) {
                        live.removed(eventId, record.key());
                    } else {
                        live.visible(eventId, record.value());
                    }
                });
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("live events stopped: {}", e.getMessage(), e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
