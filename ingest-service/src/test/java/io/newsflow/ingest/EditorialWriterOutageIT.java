package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.ingest.auth.Editor;
import io.newsflow.ingest.editorial.EditorialWriter;
import io.newsflow.ingest.editorial.Outcome;
import io.newsflow.ingest.editorial.StoryCommand;
import io.newsflow.ingest.http.ArticleSubmission;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.registry.RegistryConfig;
import io.newsflow.registry.SchemaRegistryServer;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The story writer across a broker outage longer than its publish timeout: a story pushed while the broker is
 * away is refused, and once the broker is back the writer publishes again, the refused story's retry (same
 * Idempotency-Key) included. Before the writer retried timed-out aborts and commits, its thread died here
 * ("the previous call to abortTransaction timed out and must be retried") and every later push hung. The second
 * case keeps the broker away longer than the writer's transaction timeout while a transaction is open.
 */
class EditorialWriterOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.embedded();

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start(RegistryConfig.forLocal(kafka.bootstrapServers(), 0));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void theWriterPublishesAgainOnceTheBrokerIsBack() throws Exception {
        // Given a writer with a short publish timeout that has published a story
        try (EditorialWriter writer = startedWriter("it-outage-")) {
            assertThat(writer.submit(publish("before", "k-before")).get(20, TimeUnit.SECONDS)).isInstanceOf(Outcome.Published.class);

            // When the broker goes away, a push fails
            kafka.broker().close();
            CompletableFuture<Outcome> during = writer.submit(publish("during", "k-during"));
            assertThatThrownBy(() -> during.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            // and it stays away for three publish timeouts, so that the writer's abort times out too
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> !accepting(kafka.bootstrapServers()));

            // Then, once the broker is back, new pushes and the retry of the failed one are published
            kafka.restart();
            Outcome after = writer.submit(publish("after", "k-after")).get(60, TimeUnit.SECONDS);
            assertThat(after).isInstanceOf(Outcome.Published.class);
            Outcome retried = writer.submit(publish("during", "k-during")).get(20, TimeUnit.SECONDS);
            assertThat(retried).isInstanceOf(Outcome.Published.class);
            assertThat(((Outcome.Published) retried).receipt().version()).isEqualTo(1);
            assertThat(writer.isHealthy()).isTrue();
        }
    }

    @Test
    void theWriterRidesOutAnOutageLongerThanATransactionUsedToBeAllowed() throws Exception {
        // Given a writer with a short publish timeout, pushing stories one transaction after another
        try (EditorialWriter writer = startedWriter("it-long-outage-")) {
            assertThat(writer.submit(publish("long-before", null)).get(20, TimeUnit.SECONDS)).isInstanceOf(Outcome.Published.class);
            java.util.List<CompletableFuture<Outcome>> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                burst.add(writer.submit(publish("long-burst-" + i, null)));
            }

            // When the broker goes away in the middle of them, with transactions open, for longer than the 10 s a
            // transaction was once allowed to last
            kafka.broker().close();
            await().during(Duration.ofSeconds(16)).atMost(Duration.ofSeconds(20)).until(() -> !accepting(kafka.bootstrapServers()));
            kafka.restart();

            // Then every push of the burst is answered, and the writer publishes new stories without a restart
            CompletableFuture.allOf(burst.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);
            Outcome after = writer.submit(publish("long-after", null)).get(60, TimeUnit.SECONDS);
            assertThat(after).isInstanceOf(Outcome.Published.class);
            assertThat(writer.isHealthy()).isTrue();
        }
    }

    @Test
    void aStorysCommandQueuedBehindItsFailedTransactionFailsTooInsteadOfOvertakingIt() throws Exception {
        // Given a writer whose producer refuses records over 20,000 bytes
        try (EditorialWriter writer = startedWriter("it-order-", Map.of("kafka.max.request.size", "20000"))) {
            assertThat(writer.submit(publish("order-before", null)).get(20, TimeUnit.SECONDS)).isInstanceOf(Outcome.Published.class);
            // 499 other stories, then a story's first version too large to send (they will fill one transaction),
            // then its update (left for the one after)
            List<StoryCommand> fillerCommands = new ArrayList<>();
            for (int i = 0; i < 499; i++) {
                fillerCommands.add(publish("order-filler-" + i, null));
            }
            StoryCommand tooLarge = publish("ordered", "k-create", null, "x".repeat(50_000));
            StoryCommand itsUpdate = publish("ordered", "k-update", 2, null);
            // all queued while the writer is held in a transaction with the broker away, so they keep that order
            kafka.broker().close();
            CompletableFuture<Outcome> holder = writer.submit(publish("order-holder", null));
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.queuedCommands() == 0);
            List<CompletableFuture<Outcome>> fillers = fillerCommands.stream().map(writer::submit).toList();
            CompletableFuture<Outcome> create = writer.submit(tooLarge);
            CompletableFuture<Outcome> update = writer.submit(itsUpdate);
            kafka.restart();

            // When that transaction fails, the update fails with it instead of becoming the story's first version
            assertThatThrownBy(() -> create.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            Object updateAnswer = catchThrowable(() -> update.get(60, TimeUnit.SECONDS));
            if (updateAnswer == null) {
                updateAnswer = update.join();
            }
            assertThat(updateAnswer).isInstanceOf(ExecutionException.class);

            // Then both, sent again in order, are versions 1 and 2
            Outcome created = writer.submit(publish("ordered", "k-create-2")).get(60, TimeUnit.SECONDS);
            Outcome updated = writer.submit(publish("ordered", "k-update", 2, null)).get(20, TimeUnit.SECONDS);
            assertThat(((Outcome.Published) created).receipt().version()).isEqualTo(1);
            assertThat(((Outcome.Published) updated).receipt().version()).isEqualTo(2);
            holder.exceptionally(e -> null).get(60, TimeUnit.SECONDS);
            fillers.forEach(f -> f.exceptionally(e -> null).join());
        }
    }

    private static EditorialWriter startedWriter(String transactionalIdPrefix) {
        return startedWriter(transactionalIdPrefix, Map.of());
    }

    /** A writer with a 2 s publish timeout (so a 10 s transaction timeout) and a transactional id of its own. */
    private static EditorialWriter startedWriter(String transactionalIdPrefix, Map<String, String> more) {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "schema.registry.url", registry.url().toString(),
            "ingest.publish.timeout.ms", "2000",
            "ingest.transactional.id", transactionalIdPrefix + UUID.randomUUID()));
        config.putAll(more);
        TopicProvisioner.ensureAll(IngestConfig.load(config));
        EditorialWriter writer = new EditorialWriter(IngestConfig.load(config), Clock.systemUTC());
        writer.start();
        return writer;
    }

    private static boolean accepting(String hostAndPort) {
        String[] parts = hostAndPort.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static StoryCommand publish(String name, String idempotencyKey) throws Exception {
        return publish(name, idempotencyKey, null, null);
    }

    /**
     * @param version the version asked for, with a headline of its own; null leaves it to the writer
     * @param body    a body instead of the sample's; null keeps it
     */
    private static StoryCommand publish(String name, String idempotencyKey, Integer version, String body) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS));
        json.put("id", "outage-" + RUN + "-" + name);
        json.remove("version");
        if (version != null) {
            json.put("version", version);
            json.put("headline", json.get("headline").asText() + " (version " + version + ")");
        }
        if (body != null) {
            json.put("body", body);
        }
        ArticleSubmission submission = Json.mapper().readValue(JSON.writeValueAsString(json), ArticleSubmission.class);
        return new StoryCommand.Publish(new ArticleValidator(Clock.systemUTC()).draft(submission), Editor.UNAUTHENTICATED_DEV,
            idempotencyKey);
    }
}
