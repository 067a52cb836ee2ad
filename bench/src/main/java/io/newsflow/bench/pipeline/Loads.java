package io.newsflow.bench.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.serde.AvroSerdeConfig;
import io.newsflow.platform.serde.AvroSerializer;
import io.newsflow.schemas.ArticlePublished;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The load generators: open-loop at a fixed offered rate (a story is due every {@code 1/rate} seconds from the
 * start, whether or not earlier ones were answered; a generator that falls behind catches up at once), or as fast
 * as the path accepts them for throughput.
 *
 * <ul>
 *   <li>{@link Direct}: a Kafka producer writes {@code ArticlePublished} in Confluent's wire format with the
 *       project's serde, keyed by story id, straight to {@code articles.published}. Producer settings are the client
 *       defaults (acks=all, idempotence on), as in the {@code ProducerPerformance} anchor.
 *   <li>{@link Http}: ingest-service's real HTTP API, one {@code POST /articles} per story, or NDJSON batches to
 *       {@code POST /articles:batch}.
 * </ul>
 */
final class Loads {

    private Loads() {
    }

    /** How far behind its schedule an open-loop generator fell, at worst, in milliseconds. */
    record Pacing(double achievedPerSecond, double maxLagMs) {
    }

    /** Sends story {@code i}; may block (back-pressure). */
    interface Sender {
        void send(int i) throws InterruptedException;
    }

    /**
     * Calls {@code sender} for stories {@code 0..count-1}: at {@code rate} per second on a fixed schedule, or back
     * to back when {@code rate} is 0. With a {@code limit}, stops early and marks the cell saturated once the pipeline
     * is more than that many seconds of the offered load behind (stories sent but not yet committed into the feed), or
     * the generator itself is that far behind its schedule (HTTP requests unanswered). Returns the achieved rate and the
     * worst lag behind the schedule.
     */
    static Pacing pace(Cell cell, int count, int rate, Duration limit, Sender sender) throws InterruptedException {
        long start = System.nanoTime();
        double intervalNanos = rate > 0 ? 1e9 / rate : 0;
        long maxBacklog = limit == null || rate == 0 ? Long.MAX_VALUE : Math.max(1_000, rate * limit.toMillis() / 1_000);
        long maxLagNanos = limit == null || rate == 0 ? Long.MAX_VALUE : limit.toNanos();
        long maxLag = 0;
        int sent = 0;
        for (int i = 0; i < count; i++) {
            if ((i & 63) == 0) {
                int backlog = i - cell.committedCount.get();
                long lag = rate > 0 ? System.nanoTime() - (start + (long) (i * intervalNanos)) : 0;
                if (backlog > maxBacklog || lag > maxLagNanos) {
                    cell.saturate(backlog, lag / 1e6);
                    break;
                }
            }
            if (rate > 0) {
                long due = start + (long) (i * intervalNanos);
                long wait = due - System.nanoTime();
                if (wait > 50_000) {
                    LockSupport.parkNanos(wait - 20_000);
                }
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                maxLag = Math.max(maxLag, System.nanoTime() - due);
            }
            sender.send(i);
            sent++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Pacing(sent / Math.max(seconds, 1e-9), maxLag / 1e6);
    }

    /** Content number of story {@code i} of a cell, so cells do not all send the same texts in the same order. */
    static long contentOf(Cell cell, int i) {
        return cell.number * 1_000_003L + i;
    }

    /** Straight to the input topic. */
    static final class Direct implements AutoCloseable {
        private final KafkaProducer<String, ArticlePublished> producer;
        private final PipelineStories stories;

        Direct(String bootstrapServers, String registryUrl, PipelineStories stories) {
            this.stories = stories;
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "pipeline-bench-direct");
            AvroSerializer<ArticlePublished> values = new AvroSerializer<>();
            values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, "true"), false);
            producer = new KafkaProducer<>(props, new StringSerializer(), values);
        }

        /** Average size of a record's value in bytes (Confluent wire format), over {@code samples} stories. */
        int averageValueBytes(String registryUrl, int samples) {
            try (AvroSerializer<ArticlePublished> serializer = new AvroSerializer<>()) {
                serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl,
                    AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, "true"), false);
                long total = 0;
                for (int i = 0; i < samples; i++) {
                    total += serializer.serialize(Topics.ARTICLES_PUBLISHED.name(),
                        stories.article(i, "pb-000-" + String.format("%07d", i), Instant.now())).length;
                }
                return (int) (total / samples);
            }
        }

        Pacing run(Cell cell, int count, int rate, Duration limit) throws InterruptedException {
            String topic = Topics.ARTICLES_PUBLISHED.name();
            Pacing pacing = pace(cell, count, rate, limit, i -> {
                String id = cell.id(i);
                ArticlePublished article = stories.article(contentOf(cell, i), id, Instant.now());
                cell.sent.set(i, Cell.now());
                cell.issued.set(i + 1);
                try {
                    producer.send(new ProducerRecord<>(topic, id, article), (metadata, error) -> {
                        if (error == null) {
                            cell.acked.set(i, Cell.now());
                        } else {
                            cell.fail(error.toString());
                        }
                    });
                } catch (RuntimeException e) {
                    cell.fail(e.toString());
                }
            });
            producer.flush();
            return pacing;
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** Through ingest-service's HTTP API. */
    static final class Http implements AutoCloseable {
        private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "http-load");
            thread.setDaemon(true);
            return thread;
        });
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
        private final String ingestUrl;
        private final PipelineStories stories;

        Http(String ingestUrl, PipelineStories stories) {
            this.ingestUrl = ingestUrl;
            this.stories = stories;
        }

        /**
         * One {@code POST /articles} per story, at most {@code maxInFlight} unanswered at a time (a generator that
         * reaches the limit waits, and falls behind its schedule, which the pacing result shows).
         */
        Pacing runSingle(Cell cell, int count, int rate, int maxInFlight, Duration limit) throws InterruptedException {
            Semaphore inFlight = new Semaphore(maxInFlight);
            URI uri = URI.create(ingestUrl + "/articles");
            Pacing pacing = pace(cell, count, rate, limit, i -> {
                inFlight.acquire();
                String id = cell.id(i);
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(stories.json(contentOf(cell, i), id, Instant.now())))
                    .build();
                cell.sent.set(i, Cell.now());
                cell.issued.set(i + 1);
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    long now = Cell.now();
                    inFlight.release();
                    if (error == null && response.statusCode() == 202) {
                        cell.acked.set(i, now);
                    } else {
                        cell.fail(error != null ? error.toString() : response.statusCode() + " " + response.body());
                    }
                });
            });
            awaitAll(inFlight, maxInFlight);
            return pacing;
        }

        /** NDJSON batches of {@code lines} stories to {@code POST /articles:batch}, {@code concurrency} at a time. */
        Pacing runBatches(Cell cell, int count, int lines, int concurrency) throws InterruptedException {
            Semaphore inFlight = new Semaphore(concurrency);
            URI uri = URI.create(ingestUrl + "/articles:batch");
            int batches = (count + lines - 1) / lines;
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                inFlight.acquire();
                int from = b * lines;
                int to = Math.min(count, from + lines);
                StringBuilder body = new StringBuilder(lines * 3_000);
                Instant now = Instant.now();
                for (int i = from; i < to; i++) {
                    body.append(new String(stories.json(contentOf(cell, i), cell.id(i), now), StandardCharsets.UTF_8)).append('\n');
                }
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                long sent = Cell.now();
                for (int i = from; i < to; i++) {
                    cell.sent.set(i, sent);
                }
                cell.issued.set(to);
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    long answered = Cell.now();
                    inFlight.release();
                    if (error != null || response.statusCode() != 200) {
                        for (int i = from; i < to; i++) {
                            cell.fail(error != null ? error.toString() : response.statusCode() + " " + response.body());
                        }
                        return;
                    }
                    // One answer line per story, in order: {"line":1,"status":202,"receipt":{…}}.
                    String[] answers = response.body().split("\n");
                    for (int i = from; i < to; i++) {
                        int line = i - from;
                        if (line < answers.length && answers[line].contains("\"status\":202")) {
                            cell.acked.set(i, answered);
                        } else {
                            cell.fail(line < answers.length ? answers[line] : "no answer line");
                        }
                    }
                });
            }
            awaitAll(inFlight, concurrency);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Pacing(count / Math.max(seconds, 1e-9), 0);
        }

        private static void awaitAll(Semaphore inFlight, int permits) throws InterruptedException {
            if (!inFlight.tryAcquire(permits, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("HTTP requests still unanswered after 120 s");
            }
            inFlight.release(permits);
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
