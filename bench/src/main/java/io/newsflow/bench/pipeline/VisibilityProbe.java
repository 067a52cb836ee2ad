package io.newsflow.bench.pipeline;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.newsflow.platform.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Sees when each story reaches each stage, without polling per story:
 *
 * <ul>
 *   <li><b>visible</b>: the story arrives on feed-service's live stream, {@code GET /feed/stream} (Server-Sent
 *       Events), as a reader of the page would see it. This is the figure the benchmark reports.
 *   <li><b>committed</b>: a {@code read_committed} consumer sees it on {@code feed.events}, which feed-service writes
 *       in the same transaction as its stores: the story is committed into the feed.
 *   <li><b>enriched</b>: a {@code read_committed} consumer sees it on {@code articles.enriched}.
 * </ul>
 *
 * The consumer reads keys only (the story id); values stay bytes and are never decoded. Both readers start at the
 * end of their topics, before any story of the benchmark is sent.
 */
final class VisibilityProbe implements AutoCloseable {

    private static final String ID_FIELD = "\"id\":\"";

    private final AtomicReferenceArray<Cell> cells;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread consumerThread;
    private final Thread streamThread;
    private final String streamUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final AtomicInteger resyncs = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile boolean running = true;
    private volatile InputStream stream;

    VisibilityProbe(String bootstrapServers, String feedUrl, AtomicReferenceArray<Cell> cells) throws InterruptedException {
        this.cells = cells;
        this.streamUrl = feedUrl + "/feed/stream";
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-bench-probe");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.ARTICLES_ENRICHED.name(), Topics.FEED_EVENTS.name())) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        consumerThread = new Thread(this::consume, "probe-consumer");
        consumerThread.setDaemon(true);
        consumerThread.start();
        streamThread = new Thread(this::listen, "probe-live-stream");
        streamThread.setDaemon(true);
        streamThread.start();
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not subscribe to " + streamUrl);
        }
    }

    /** How often the live stream told the probe it had fallen too far behind (events were lost). */
    int resyncs() {
        return resyncs.get();
    }

    int reconnects() {
        return reconnects.get();
    }

    private void consume() {
        String feedEvents = Topics.FEED_EVENTS.name();
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Cell cell = cellOf(record.key());
                    if (cell == null) {
                        continue;
                    }
                    int index = Cell.indexOf(record.key());
                    if (record.topic().equals(feedEvents)) {
                        if (record.value() != null) {
                            cell.markCommitted(index);
                        }
                    } else {
                        cell.markEnriched(index);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Reads the live stream, reconnecting if it ends, until closed. */
    private void listen() {
        while (running) {
            try {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(streamUrl))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    Thread.sleep(500);
                    continue;
                }
                stream = response.body();
                read(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
            }
            if (running) {
                reconnects.incrementAndGet();
            }
        }
    }

    private void read(BufferedReader reader) throws java.io.IOException {
        String event = null;
        String data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if ("story".equals(event) && data != null) {
                    onStory(data);
                } else if ("resync".equals(event)) {
                    // The live feed dropped this subscriber's queue: stories were lost on the stream. Reconnect.
                    resyncs.incrementAndGet();
                    return;
                }
                event = null;
                data = null;
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data = line.substring(5);
            } else if (line.startsWith(":")) {
                connected.countDown();
            }
        }
    }

    private void onStory(String data) {
        int at = data.indexOf(ID_FIELD);
        if (at < 0) {
            return;
        }
        int from = at + ID_FIELD.length();
        int to = data.indexOf('"', from);
        if (to < 0) {
            return;
        }
        String id = data.substring(from, to);
        Cell cell = cellOf(id);
        if (cell != null) {
            cell.markVisible(Cell.indexOf(id));
        }
    }

    private Cell cellOf(String id) {
        int number = Cell.cellOf(id);
        return number < 0 || number >= cells.length() ? null : cells.get(number);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        InputStream open = stream;
        if (open != null) {
            try {
                open.close();
            } catch (java.io.IOException e) {
                // closing anyway
            }
        }
        streamThread.interrupt();
        try {
            consumerThread.join(10_000);
            streamThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
