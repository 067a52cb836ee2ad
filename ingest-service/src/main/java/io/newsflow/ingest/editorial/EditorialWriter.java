package io.newsflow.ingest.editorial;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.newsflow.ingest.IngestConfig;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.platform.kafka.TopicSnapshot;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.logging.StoryLog;
import io.newsflow.schemas.LedgerVersion;
import io.newsflow.schemas.StoryLedgerEntry;
import io.newsflow.platform.metrics.PipelineMetrics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of stories: one thread takes editors' commands in order, lets the {@link StoryLedger}
 * decide each, and writes every accepted version to {@code articles.published} together with its ledger
 * entry on {@code ingest.ledger} in one Kafka transaction. Commands that arrive while a transaction is in
 * flight are grouped into the next one, so throughput does not pay one commit per story.
 *
 * <p>Each command is decided with its story in the MDC ({@link StoryLog}), so the writer's lines about a story
 * name its id and version although they come from this thread, not the request's.
 *
 * <p>The transactional id is fixed per deployment: a second ingest-service instance fences the first, so two
 * writers can never accept conflicting versions of a story.
 */
public final class EditorialWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EditorialWriter.class);
    private static final int MAX_BATCH = 500;

    private record Pending(StoryCommand command, CompletableFuture<Outcome> answer) {
    }

    private record Accepted(Pending pending, Decision.Publish decision, Future<RecordMetadata> sent) {
    }

    private final Settings settings;
    private final Clock clock;
    private final StoryLedger ledger = new StoryLedger();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    private final Duration timeout;
    private KafkaProducer<String, SpecificRecord> producer;
    private Thread thread;
    private volatile boolean running;
    private volatile String fatal;
    private final PipelineMetrics metrics;

    public EditorialWriter(Settings settings, Clock clock) {
        this(settings, clock, PipelineMetrics.discarding());
    }

    public EditorialWriter(Settings settings, Clock clock, PipelineMetrics metrics) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.timeout = Duration.ofMillis(settings.integer(IngestConfig.PUBLISH_TIMEOUT_MS_CONFIG));
    }

    /** Claims the writer role (fencing any older instance), rebuilds the ledger from Kafka, then starts. */
    public void start() {
        producer = createProducer();
        producer.initTransactions();
        loadLedger();
        running = true;
        thread = new Thread(this::run, "editorial-writer");
        thread.start();
    }

    /** Queues a command; the future completes once its transaction has committed or it was refused. */
    public CompletableFuture<Outcome> submit(StoryCommand command) {
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        if (fatal != null) {
            answer.completeExceptionally(new IllegalStateException(fatal));
        } else if (!queue.offer(new Pending(command, answer))) {
            answer.completeExceptionally(new IllegalStateException("too many stories waiting to be written"));
        }
        return answer;
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean isHealthy() {
        return running && fatal == null;
    }

    private void run() {
        while (running) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                failAll(batch, "ingest-service is shutting down");
            } catch (RuntimeException e) {
                // Not expected; but a writer that dies must say so (readiness DOWN, every push answered 503 at once)
                // rather than leave requests waiting on a thread that no longer exists.
                fatal = "the story writer failed: " + e;
                log.error(fatal, e);
                running = false;
                failAll(batch, fatal);
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        failAll(left, "ingest-service is shutting down");
    }

    private void writeBatch(List<Pending> batch) {
        Instant now = clock.instant();
        Map<Pending, Outcome> answers = new HashMap<>();
        List<Accepted> accepted = new ArrayList<>();
        try {
            producer.beginTransaction();
            for (Pending pending : batch) {
                try (StoryLog.Scope story = StoryLog.story(pending.command().storyId(), requestedVersion(pending.command()))) {
                    Decision decision;
                    try {
                        decision = ledger.decide(pending.command(), now);
                    } catch (ProblemException problem) {
                        decision = new Decision.Refuse(problem);
                    }
                    if (decision instanceof Decision.Publish publish) {
                        story.version(publish.article().getVersion());
                        log.debug("{} of story {} accepted as v{}", verb(pending.command()), publish.article().getId(),
                            publish.article().getVersion());
                        ledger.stage(publish.entry());
                        accepted.add(new Accepted(pending, publish, send(Topics.ARTICLES_PUBLISHED.name(),
                            publish.article().getId(), publish.article(), now)));
                    } else if (decision instanceof Decision.Replay replay) {
                        story.version(replay.receipt().version());
                        log.debug("{} of story {} is a retry of v{}: answered again", verb(pending.command()),
                            pending.command().storyId(), replay.receipt().version());
                        answers.put(pending, new Outcome.Replayed(replay.receipt()));
                    } else {
                        ProblemException problem = ((Decision.Refuse) decision).problem();
                        log.info("{} of story {} refused ({}): {}", verb(pending.command()), pending.command().storyId(),
                            problem.status(), problem.getMessage());
                        answers.put(pending, new Outcome.Refused(problem));
                    }
                }
            }
            producer.flush();
            for (Accepted a : accepted) {
                RecordMetadata metadata = a.sent().get();
                int version = a.decision().article().getVersion();
                // Fill the offset into the newest staged entry: a later command of this batch may already have
                // added another version of the same story, which must not leave this one's offset pending.
                StoryLedgerEntry staged = ledger.entry(a.decision().entry().getId()).orElse(a.decision().entry());
                StoryLedgerEntry entry = withOffset(staged, version, metadata);
                ledger.stage(entry);
                send(Topics.INGEST_LEDGER.name(), entry.getId(), entry, now);
                answers.put(a.pending(), new Outcome.Published(StoryLedger.receipt(entry.getId(), versionOf(entry, version))));
            }
            if (!commit(batch.size())) {
                // Shutting down with the outcome unknown: the next start settles it (initTransactions) and reads it
                // back from the ledger topic, so a retry with the same key is answered correctly either way.
                ledger.rollback();
                failAll(batch, "ingest-service is shutting down");
                return;
            }
            ledger.commit();
        } catch (ProducerFencedException e) {
            fatal = "another ingest-service instance has taken over as the story writer";
            log.error(fatal);
            ledger.rollback();
            running = false;
            failAll(batch, fatal);
            return;
        } catch (KafkaException | java.util.concurrent.ExecutionException e) {
            // Nothing of this transaction can be committed any more, so editors may be told so at once and retry;
            // their retries queue behind the abort.
            log.warn("transaction of {} stories aborted: {}", batch.size(), e.getMessage());
            ledger.rollback();
            String reason = "Kafka did not acknowledge the transaction: " + e.getMessage();
            failAll(batch, reason);
            failQueuedCommandsOf(batch, reason);
            abort();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ledger.rollback();
            failAll(batch, "ingest-service is shutting down");
            abort();
            return;
        }
        for (Pending pending : batch) {
            Outcome outcome = answers.get(pending);
            // A replay of a version written in this same batch only learns its offset now.
            if (outcome instanceof Outcome.Replayed replayed && replayed.receipt().offset() == StoryLedger.PENDING_OFFSET) {
                outcome = new Outcome.Replayed(resolve(replayed.receipt()));
            }
            metrics.count(outcome instanceof Outcome.Published ? "published"
                : outcome instanceof Outcome.Replayed ? "duplicate" : "refused");
            pending.answer().complete(outcome);
        }
    }

    private static Integer requestedVersion(StoryCommand command) {
        return command instanceof StoryCommand.Publish publish ? publish.draft().requestedVersion() : null;
    }

    private static String verb(StoryCommand command) {
        if (command instanceof StoryCommand.Kill) {
            return "kill";
        }
        return command instanceof StoryCommand.Reinstate ? "reinstate" : "publish";
    }

    private PublishReceipt resolve(PublishReceipt receipt) {
        return ledger.entry(receipt.id()).flatMap(entry -> entry.getVersions().stream()
                .filter(v -> v.getVersion() == receipt.version()).findFirst()
                .map(v -> StoryLedger.receipt(entry.getId(), v)))
            .orElse(receipt);
    }

    /** Records carry the ingest time, the same instant as the version's {@code ingestedAt}. */
    private Future<RecordMetadata> send(String topic, String key, SpecificRecord value, Instant now) {
        return producer.send(new ProducerRecord<>(topic, null, now.toEpochMilli(), key, value));
    }

    private static StoryLedgerEntry withOffset(StoryLedgerEntry entry, int version, RecordMetadata metadata) {
        List<LedgerVersion> versions = new ArrayList<>(entry.getVersions());
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).getVersion() == version) {
                versions.set(i, LedgerVersion.newBuilder(versions.get(i))
                    .setPartition(metadata.partition()).setOffset(metadata.offset()).build());
            }
        }
        return StoryLedgerEntry.newBuilder(entry).setVersions(versions).build();
    }

    private static LedgerVersion versionOf(StoryLedgerEntry entry, int version) {
        return entry.getVersions().stream().filter(v -> v.getVersion() == version).findFirst().orElseThrow();
    }

    private void failAll(List<Pending> batch, String reason) {
        batch.forEach(p -> p.answer().completeExceptionally(new IllegalStateException(reason)));
    }

    /**
     * Fails the queued commands for the stories of a failed transaction. Applied after it, such a command (the next
     * line of the same batch, say) would overtake the failed one: an update would become the story's first version,
     * and the create's retry would then be published as a version after it. Failed too, both are sent again, in order.
     */
    private void failQueuedCommandsOf(List<Pending> failed, String reason) {
        Set<String> stories = new HashSet<>();
        failed.forEach(p -> stories.add(p.command().storyId()));
        List<Pending> overtaking = new ArrayList<>();
        queue.removeIf(p -> stories.contains(p.command().storyId()) && overtaking.add(p));
        if (!overtaking.isEmpty()) {
            log.warn("{} queued commands failed with the transaction of their stories' earlier commands", overtaking.size());
            failAll(overtaking, reason + " (an earlier command for the same story failed)");
        }
    }

    /** Commands waiting for the writer to take them into a transaction. */
    public int queuedCommands() {
        return queue.size();
    }

    /**
     * Commits the open transaction; false if the writer is closing before Kafka confirmed either way.
     *
     * <p>A commit that times out (the broker restarting, say) may still complete: until a call returns, the stories
     * may or may not be published, so neither the ledger nor the editors can be told anything yet. The producer
     * allows exactly one thing then: calling {@code commitTransaction} again, which waits for the same outcome.
     * Answering "not published" instead (and rolling back the ledger) would let a retry publish the same version
     * twice, and any other call would throw {@link IllegalStateException}.
     */
    private boolean commit(int stories) {
        while (true) {
            try {
                producer.commitTransaction();
                return true;
            } catch (TimeoutException e) {
                if (!running) {
                    return false;
                }
                log.warn("commit of {} stories not confirmed within {} ms; waiting for Kafka to settle it: {}", stories,
                    timeout.toMillis(), e.getMessage());
            }
        }
    }

    /**
     * Aborts the open transaction. An abort that times out must be retried before the producer accepts another
     * transaction, so it is, until it completes or the writer closes.
     */
    private void abort() {
        while (true) {
            try {
                producer.abortTransaction();
                return;
            } catch (TimeoutException e) {
                if (!running) {
                    return;
                }
                log.warn("abort not confirmed within {} ms; retrying: {}", timeout.toMillis(), e.getMessage());
            } catch (KafkaException e) {
                log.debug("abort failed: {}", e.getMessage());
                return;
            }
        }
    }

    private KafkaProducer<String, SpecificRecord> createProducer() {
        Map<String, Object> props = new HashMap<>(settings.withPrefix(CommonConfig.KAFKA_CLIENT_PREFIX));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.string(IngestConfig.TRANSACTIONAL_ID_CONFIG));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        long timeoutMs = timeout.toMillis();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, timeoutMs / 2));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(timeoutMs * 2, 10_000));
        Serializer<SpecificRecord> values = new io.newsflow.platform.serde.AvroSerializer<>();
        values.configure(CommonConfig.serdeConfigs(settings), false);
        return new KafkaProducer<>(props, Topics.ARTICLES_PUBLISHED.keySerde().serializer(), values);
    }

    private void loadLedger() {
        TopicSnapshot.read(settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG), CommonConfig.serdeConfigs(settings),
            Topics.INGEST_LEDGER, Duration.ofSeconds(60), (storyId, entry) -> {
                if (entry != null) {
                    ledger.load(entry);
                }
            });
        log.info("story ledger loaded: {} stories", ledger.size());
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(timeout.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
