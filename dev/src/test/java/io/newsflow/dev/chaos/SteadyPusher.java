package io.newsflow.dev.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An editors' client that pushes a {@link StoryPlan} through {@code POST /articles:batch} at a steady rate,
 * as a wire feed would, whatever happens to the services.
 *
 * <p>Every 100 ms it sends, as one batch, the operations that fell due since the last batch (at most
 * {@link #MAX_LINES}). Each batch has its own {@code Idempotency-Key}, so line N is keyed {@code <key>#N}. A
 * batch whose request fails (connection refused or reset, timeout, 5xx) or that has lines answered 503 is sent
 * again, byte for byte with the same key, until every line is acknowledged (202) or refused (any other status),
 * with a growing pause between attempts. Lines acknowledged before are answered from ingest's ledger again.
 * The next batch waits for the current one, so a story's update is only sent after its earlier versions were
 * acknowledged. A batch still not settled after {@code giveUpAfter} is given up: its unacknowledged lines count
 * as lost, and later operations on their stories are skipped.
 */
final class SteadyPusher implements AutoCloseable {

    static final int MAX_LINES = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What became of one operation. */
    static final class Outcome {
        final StoryPlan.Op op;
        volatile boolean failedOnce;
        volatile boolean acknowledged;
        volatile int ackedVersion;
        volatile int partition;
        volatile long offset;
        /** Client time at which the attempt that got the acknowledgement was sent. */
        volatile long ackAttemptSentAtMs;
        volatile int attempts;
        volatile String refusal;
        volatile boolean lost;
        volatile boolean skipped;

        Outcome(StoryPlan.Op op) {
            this.op = op;
        }
    }

    private final class Batch {
        final int number;
        final List<Outcome> lines;
        final String key;
        final String body;
        final long firstSentAtMs;
        long nextAttemptAtMs;
        long pauseMs = 250;
        int attempts;

        Batch(int number, List<Outcome> lines, long now) {
            this.number = number;
            this.lines = lines;
            this.key = "chaos-" + run + "-batch-" + number;
            StringBuilder body = new StringBuilder();
            lines.forEach(line -> body.append(line.op.line()).append('\n'));
            this.body = body.toString();
            this.firstSentAtMs = now;
            this.nextAttemptAtMs = now;
        }
    }

    private final String run;
    private final URI batchUrl;
    private final List<Outcome> outcomes;
    private final double opsPerSecond;
    private final Duration giveUpAfter;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "steady-pusher");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> lostStories = ConcurrentHashMap.newKeySet();
    private final List<String> anomalies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requestFailures = Collections.synchronizedList(new ArrayList<>());
    private volatile long startedAtMs;
    private volatile long finishedAtMs;
    private int nextOp;
    private int batches;
    private int requests;
    private Batch pending;

    SteadyPusher(String run, URI ingestUrl, StoryPlan plan, double opsPerSecond, Duration giveUpAfter) {
        this.run = run;
        this.batchUrl = ingestUrl.resolve("/articles:batch");
        this.outcomes = plan.ops().stream().map(Outcome::new).toList();
        this.opsPerSecond = opsPerSecond;
        this.giveUpAfter = giveUpAfter;
    }

    SteadyPusher start() {
        startedAtMs = System.currentTimeMillis();
        ticker.scheduleWithFixedDelay(this::tick, 0, 100, TimeUnit.MILLISECONDS);
        return this;
    }

    boolean isDone() {
        return finishedAtMs != 0;
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            if (pending == null) {
                pending = nextBatch(now);
                if (pending == null) {
                    if (nextOp >= outcomes.size() && finishedAtMs == 0) {
                        finishedAtMs = now;
                        ticker.shutdown();
                    }
                    return;
                }
            }
            if (now >= pending.nextAttemptAtMs) {
                attempt(pending, now);
            }
        } catch (RuntimeException | Error e) {
            // A tick must never throw: the executor would silently stop ticking.
            anomalies.add("pusher error: " + e);
        }
    }

    /** The operations due by now (the steady rate), without those of stories given up, as one batch. */
    private Batch nextBatch(long now) {
        long due = Math.min(outcomes.size(), (long) ((now - startedAtMs) * opsPerSecond / 1000.0));
        List<Outcome> lines = new ArrayList<>();
        while (nextOp < due && lines.size() < MAX_LINES) {
            Outcome outcome = outcomes.get(nextOp++);
            if (lostStories.contains(outcome.op.storyId())) {
                outcome.skipped = true;
            } else {
                lines.add(outcome);
            }
        }
        return lines.isEmpty() ? null : new Batch(++batches, lines, now);
    }

    private void attempt(Batch batch, long now) {
        batch.attempts++;
        requests++;
        String failure = null;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(batchUrl)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-ndjson")
                    .header("Idempotency-Key", batch.key)
                    .POST(HttpRequest.BodyPublishers.ofString(batch.body)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                failure = settleLines(batch, response.body(), now);
            } else if (response.statusCode() >= 500) {
                failure = "HTTP " + response.statusCode();
            } else {
                batch.lines.forEach(line -> line.refusal = "whole batch refused: HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (failure != null) {
            requestFailures.add(String.format("%6.1f s batch %d attempt %d: %s",
                (now - startedAtMs) / 1000.0, batch.number, batch.attempts, failure));
        }
        for (Outcome line : batch.lines) {
            line.attempts++;
            if (failure != null && !line.acknowledged && line.refusal == null) {
                line.failedOnce = true;
            }
        }
        boolean settled = batch.lines.stream().allMatch(line -> line.acknowledged || line.refusal != null);
        if (settled) {
            pending = null;
        } else if (System.currentTimeMillis() - batch.firstSentAtMs > giveUpAfter.toMillis()) {
            for (Outcome line : batch.lines) {
                if (!line.acknowledged && line.refusal == null) {
                    line.lost = true;
                    lostStories.add(line.op.storyId());
                }
            }
            pending = null;
        } else {
            batch.nextAttemptAtMs = System.currentTimeMillis() + batch.pauseMs;
            batch.pauseMs = Math.min(2_000, batch.pauseMs * 2);
        }
    }

    /** Reads the per-line answers; returns why the batch must be sent again, or null. */
    private String settleLines(Batch batch, String body, long sentAtMs) throws IOException {
        List<String> answers = body.lines().toList();
        if (answers.size() != batch.lines.size()) {
            anomalies.add("batch " + batch.number + ": " + answers.size() + " answers for " + batch.lines.size() + " lines");
            return "answer count mismatch";
        }
        int unavailable = 0;
        for (int i = 0; i < answers.size(); i++) {
            JsonNode answer = JSON.readTree(answers.get(i));
            Outcome line = batch.lines.get(i);
            int status = answer.get("status").asInt();
            if (status == 202) {
                JsonNode receipt = answer.get("receipt");
                int version = receipt.get("version").asInt();
                int partition = receipt.get("partition").asInt();
                long offset = receipt.get("offset").asLong();
                if (line.acknowledged) {
                    if (line.ackedVersion != version || line.partition != partition || line.offset != offset) {
                        anomalies.add(line.op.storyId() + ": a retry was answered v" + version + " at " + partition + "@" + offset
                            + ", the first answer was v" + line.ackedVersion + " at " + line.partition + "@" + line.offset);
                    }
                    continue;
                }
                if (version != line.op.version()) {
                    anomalies.add(line.op.storyId() + " " + line.op.kind() + ": acknowledged as v" + version
                        + ", expected v" + line.op.version());
                }
                line.ackedVersion = version;
                line.partition = partition;
                line.offset = offset;
                line.ackAttemptSentAtMs = sentAtMs;
                line.acknowledged = true;
            } else if (status == 503) {
                unavailable++;
            } else if (!line.acknowledged && line.refusal == null) {
                line.refusal = line.op.kind() + " v" + line.op.version() + " of " + line.op.storyId() + " (attempt "
                    + batch.attempts + "): " + answer.get("problem");
            }
        }
        return unavailable == 0 ? null : unavailable + " lines answered 503";
    }

    List<Outcome> outcomes() {
        return outcomes;
    }

    List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    List<String> requestFailures() {
        return List.copyOf(requestFailures);
    }

    int batches() {
        return batches;
    }

    int requests() {
        return requests;
    }

    Duration elapsed() {
        return Duration.ofMillis((finishedAtMs == 0 ? System.currentTimeMillis() : finishedAtMs) - startedAtMs);
    }

    long startedAtMs() {
        return startedAtMs;
    }

    Map<String, Long> counts() {
        return Map.of(
            "acknowledged", outcomes.stream().filter(o -> o.acknowledged).count(),
            "acknowledged first time", outcomes.stream().filter(o -> o.acknowledged && !o.failedOnce).count(),
            "failed then retried and acknowledged", outcomes.stream().filter(o -> o.acknowledged && o.failedOnce).count(),
            "lost unacknowledged", outcomes.stream().filter(o -> o.lost).count(),
            "skipped (story lost)", outcomes.stream().filter(o -> o.skipped).count(),
            "refused", outcomes.stream().filter(o -> o.refusal != null).count());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
