package io.newsflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.newsflow.feed.FeedApp;
import io.newsflow.feed.FeedConfig;
import io.newsflow.feed.http.LiveStreams;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.testkit.KafkaBrokerExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live stream at scale, against a real broker: a feed-service with 12 HTTP threads serves 30 open streams and
 * still answers {@code GET /feed}; every stream gets each new story, heartbeats keep idle streams open, a client
 * resuming with {@code Last-Event-ID} gets what it missed, streams beyond the limit are refused with a problem, and
 * streams whose clients leave are let go.
 */
class LiveStreamIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    private static final int HTTP_THREADS = 12;
    private static final int STREAMS = 30;
    private static final int MAX_STREAMS = 32;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void manyStreamsShareAFewThreadsAndEachGetsEveryStory() throws Exception {
        Path state = Files.createTempDirectory("newsflow-live-streams");
        List<Sse> streams = new ArrayList<>();
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.forLocal(KAFKA.bootstrapServers(), 0))) {
            Settings settings = FeedConfig.load(Map.of(
                CommonConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                CommonConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:" + registry.port(),
                CommonConfig.HTTP_PORT_CONFIG, "0",
                CommonConfig.HTTP_THREADS_MAX_CONFIG, String.valueOf(HTTP_THREADS),
                LiveStreams.MAX_CLIENTS_CONFIG, String.valueOf(MAX_STREAMS),
                LiveStreams.HEARTBEAT_MS_CONFIG, "300",
                FeedConfig.APPLICATION_ID_CONFIG, "feed-live-" + UUID.randomUUID(),
                "state.dir", state.toString()));
            TopicProvisioner.ensureAll(settings);
            try (FeedApp feed = new FeedApp(settings);
                 var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                     new StringSerializer(), Topics.ARTICLES_ENRICHED.valueSerde(CommonConfig.serdeConfigs(settings)).serializer())) {
                feed.start();
                URI base = URI.create("http://127.0.0.1:" + feed.httpPort());

                // Given more open streams than the server has threads
                for (int i = 0; i < STREAMS; i++) {
                    streams.add(open(base, null));
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(streams).allMatch(sse -> sse.lines().contains(": connected")));
                assertThat(metric(base, "newsflow_feed_live_streams")).isEqualTo(STREAMS);

                // Then the JSON API still answers at once
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/feed?limit=5"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);

                // And every stream gets a new story, with the id a client resumes from
                send(producer, FeedRestoreIT.story(1, 1, Instant.now()));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(streams).allMatch(sse -> sse.lines().stream().anyMatch(l -> l.startsWith("data:") && l.contains("restore-1"))));
                Sse first = streams.get(0);
                assertThat(first.lines()).contains("event: story");
                String firstEventId = first.lines().stream().filter(l -> l.startsWith("id: ")).findFirst().orElseThrow().substring(4);

                // And idle streams get heartbeats
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(streams).allMatch(sse -> sse.lines().contains(": heartbeat")));

                // When two more stories come, a client resuming after the first gets both
                send(producer, FeedRestoreIT.story(2, 1, Instant.now()));
                send(producer, FeedRestoreIT.story(3, 1, Instant.now()));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(first.lines()).anyMatch(l -> l.contains("restore-3")));
                Sse resumed = open(base, firstEventId);
                streams.add(resumed);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(resumed.lines()).anyMatch(l -> l.startsWith("data:") && l.contains("restore-2"));
                    assertThat(resumed.lines()).anyMatch(l -> l.startsWith("data:") && l.contains("restore-3"));
                });
                assertThat(resumed.lines()).noneMatch(l -> l.startsWith("data:") && l.contains("restore-1"));

                // When the limit is reached, another stream is refused with a problem saying why
                streams.add(open(base, null));
                await().atMost(Duration.ofSeconds(10)).until(() -> metric(base, "newsflow_feed_live_streams") == MAX_STREAMS);
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(base.resolve("/feed/stream"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body()).contains("no more live streams");

                // And streams whose clients leave are let go by the next heartbeat
                for (Sse sse : streams.subList(0, 20)) {
                    sse.close();
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> metric(base, "newsflow_feed_live_streams") == MAX_STREAMS - 20);
                // each counted once in the request metrics, when it ended
                await().atMost(Duration.ofSeconds(10)).until(() -> endedStreams(base) == 20);
            } finally {
                for (Sse sse : streams) {
                    sse.close();
                }
            }
        } finally {
            KafkaBrokerExtension.Directories.deleteRecursively(state);
        }
    }

    private static void send(KafkaProducer<String, ArticleEnriched> producer, ArticleEnriched story) {
        producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED.name(), story.getArticle().getId(), story));
        producer.flush();
    }

    private long metric(URI base, String name) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
            .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .findFirst().orElseThrow(() -> new AssertionError(name + " not in /metrics"));
    }

    /** Streams that ended with status 200, from the request timer's count. */
    private long endedStreams(URI base) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.lines()
            .filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("route=\"/feed/stream\"")
                && line.contains("status=\"200\""))
            .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum();
    }

    /** Opens a stream on its own connection and reads its lines on a thread of its own. */
    private Sse open(URI base, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/feed/stream")).timeout(Duration.ofSeconds(10)).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        return new Sse(response.body());
    }

    /** One client's view of a stream. */
    private static final class Sse implements AutoCloseable {
        private final InputStream body;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        Sse(InputStream body) {
            this.body = body;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        List<String> lines() {
            return lines;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
