package io.newsflow.cli.push;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends a {@link PushPlan} to ingest-service with up to {@code concurrency} requests in flight: one request per
 * single-story file, one per NDJSON chunk. Files are read as they are sent, and at most twice as many
 * requests as can be in flight wait in memory.
 *
 * <p>A refused story is a result, never an exception. Two things stop the push instead: a server that cannot
 * be reached and a 401, since every other request would fail the same way.
 */
public final class Pusher {

    /** Hears of results as they arrive, from the sending threads. */
    public interface Listener {
        default void started(PushPlan plan) {
        }

        /** {@code stories} stories are done; {@code results} are theirs (fewer only when a file could not be read). */
        default void progressed(List<StoryResult> results, int stories) {
        }

        /** Every story of a file is done. */
        default void fileDone(PlannedFile file, List<StoryResult> results) {
        }

        default void finished() {
        }
    }

    /** ingest-service wants a (different) API key. */
    public static final class UnauthorizedException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnauthorizedException(String detail) {
            super(detail);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestClient client;
    private final int concurrency;
    private final Optional<String> prefix;
    private final int maxLines;
    private final long maxBytes;
    private final Listener listener;

    public Pusher(IngestClient client, int concurrency, Optional<String> prefix, int maxLines, long maxBytes, Listener listener) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.client = client;
        this.concurrency = concurrency;
        this.prefix = prefix;
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
        this.listener = listener;
    }

    public PushOutcome push(PushPlan plan) throws IngestClient.UnreachableException, UnauthorizedException, InterruptedException {
        Run run = new Run(plan);
        long start = System.nanoTime();
        listener.started(plan);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemonThreads());
        try {
            run.produce(pool);
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                pool.shutdownNow();
            }
            listener.finished();
        }
        Exception fatal = run.fatal.get();
        if (fatal instanceof IngestClient.UnreachableException unreachable) {
            throw unreachable;
        }
        if (fatal instanceof UnauthorizedException unauthorized) {
            throw unauthorized;
        }
        if (fatal != null) {
            throw new IllegalStateException(fatal);
        }
        return new PushOutcome(new ArrayList<>(run.results), plan.files().size(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** One push's shared state. */
    private final class Run {
        final Queue<StoryResult> results = new ConcurrentLinkedQueue<>();
        final AtomicReference<Exception> fatal = new AtomicReference<>();
        final Semaphore waiting = new Semaphore(concurrency * 2);
        final List<AtomicInteger> remaining = new ArrayList<>();
        final List<Queue<StoryResult>> byFile = new ArrayList<>();
        final PushPlan plan;

        Run(PushPlan plan) {
            this.plan = plan;
            for (PlannedFile file : plan.files()) {
                remaining.add(new AtomicInteger(file.stories()));
                byFile.add(new ConcurrentLinkedQueue<>());
            }
        }

        void produce(ExecutorService pool) throws InterruptedException {
            for (PlannedFile file : plan.files()) {
                if (fatal.get() != null) {
                    return;
                }
                if (file.format().isBatch()) {
                    produceChunks(pool, file);
                } else {
                    produceStory(pool, file);
                }
            }
        }

        private void produceStory(ExecutorService pool, PlannedFile file) throws InterruptedException {
            byte[] body;
            try {
                body = Files.readAllBytes(file.path());
            } catch (IOException e) {
                record(file, List.of(StoryResult.failed(file.display(), 0, file.index(), 0, "Unreadable file",
                    "could not read the file: " + e.getMessage())), 1);
                return;
            }
            submit(pool, () -> sendStory(file, body));
        }

        private void produceChunks(ExecutorService pool, PlannedFile file) throws InterruptedException {
            int[] nextLine = {1};
            try {
                NdjsonChunks.forEach(file.path(), file.stories(), maxLines, maxBytes, chunk -> {
                    if (fatal.get() == null) {
                        submit(pool, () -> sendChunk(file, chunk));
                    }
                    nextLine[0] = chunk.lastLine() + 1;
                });
                if (nextLine[0] <= file.stories()) {
                    record(file, List.of(StoryResult.failed(file.display(), nextLine[0], file.index(), 0, "Unreadable file",
                        "the file ended here, before the " + file.stories() + " lines it had when the push started")),
                        file.stories() - nextLine[0] + 1);
                }
            } catch (IOException e) {
                record(file, List.of(StoryResult.failed(file.display(), nextLine[0], file.index(), 0, "Unreadable file",
                    "could not read the file from this line on: " + e.getMessage())), file.stories() - nextLine[0] + 1);
            }
        }

        private void submit(ExecutorService pool, Task task) throws InterruptedException {
            waiting.acquire();
            pool.execute(() -> {
                try {
                    if (fatal.get() == null) {
                        task.run();
                    }
                } catch (IngestClient.UnreachableException | UnauthorizedException e) {
                    fatal.compareAndSet(null, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fatal.compareAndSet(null, e);
                } catch (RuntimeException e) {
                    fatal.compareAndSet(null, e);
                } finally {
                    waiting.release();
                }
            });
        }

        private void sendStory(PlannedFile file, byte[] body)
            throws IngestClient.UnreachableException, UnauthorizedException, InterruptedException {
            Optional<String> key = prefix.map(p -> IdempotencyKeys.forStory(p, file.keyPath()));
            StoryResult result;
            try {
                IngestClient.Response response = client.publish(file.format(), body, key);
                checkAuthorized(response);
                result = response.status() == 202
                    ? accepted(file, 0, JSON.readTree(response.body()))
                    : refused(file, 0, response);
            } catch (IOException e) {
                result = StoryResult.failed(file.display(), 0, file.index(), 0, "Request failed", describe(e));
            }
            record(file, List.of(result), 1);
        }

        private void sendChunk(PlannedFile file, NdjsonChunks.Chunk chunk)
            throws IngestClient.UnreachableException, UnauthorizedException, InterruptedException {
            Optional<String> key = prefix.map(p -> IdempotencyKeys.forChunk(p, file.keyPath(), chunk.firstLine()));
            List<StoryResult> answers = new ArrayList<>();
            try {
                IngestClient.Response response = client.batch(chunk.body(), key);
                checkAuthorized(response);
                if (response.status() == 413 && chunk.size() > 1) {
                    for (NdjsonChunks.Chunk half : chunk.halves()) {
                        sendChunk(file, half);
                    }
                    return;
                }
                if (response.status() == 200) {
                    answers.addAll(lineAnswers(file, chunk, response.body()));
                } else {
                    for (int line = chunk.firstLine(); line <= chunk.lastLine(); line++) {
                        answers.add(refused(file, line, response));
                    }
                }
            } catch (IOException e) {
                answers.clear();
                for (int line = chunk.firstLine(); line <= chunk.lastLine(); line++) {
                    answers.add(StoryResult.failed(file.display(), line, file.index(), 0, "Request failed", describe(e)));
                }
            }
            record(file, answers, chunk.size());
        }

        private List<StoryResult> lineAnswers(PlannedFile file, NdjsonChunks.Chunk chunk, String body) throws IOException {
            StoryResult[] byLine = new StoryResult[chunk.size()];
            for (String text : body.split("\n")) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode answer = JSON.readTree(text);
                int lineInChunk = answer.path("line").asInt(0);
                if (lineInChunk < 1 || lineInChunk > chunk.size()) {
                    continue;
                }
                int line = chunk.firstLine() + lineInChunk - 1;
                int status = answer.path("status").asInt(0);
                byLine[lineInChunk - 1] = status == 202
                    ? accepted(file, line, answer.path("receipt"))
                    : StoryResult.failed(file.display(), line, file.index(), status,
                        answer.path("problem").path("title").asText(null), problemDetail(answer.path("problem")));
            }
            List<StoryResult> results = new ArrayList<>();
            for (int i = 0; i < byLine.length; i++) {
                results.add(byLine[i] != null ? byLine[i] : StoryResult.failed(file.display(), chunk.firstLine() + i, file.index(), 0,
                    "No answer", "ingest-service's answer had no line for this one"));
            }
            return results;
        }

        private StoryResult accepted(PlannedFile file, int line, JsonNode receipt) {
            if (!receipt.hasNonNull("id")) {
                return StoryResult.failed(file.display(), line, file.index(), 202, "Unreadable answer", "a 202 without a receipt");
            }
            return StoryResult.accepted(file.display(), line, file.index(), new Receipt(receipt.path("id").asText(),
                receipt.path("version").asInt(), receipt.path("topic").asText(), receipt.path("partition").asInt(),
                receipt.path("offset").asLong(), receipt.path("pubStatus").asText(null)));
        }

        private StoryResult refused(PlannedFile file, int line, IngestClient.Response response) {
            JsonNode problem = problemOf(response);
            String title = problem.path("title").asText(null);
            String detail = problem.isMissingNode() ? abbreviate(response.body()) : problemDetail(problem);
            return StoryResult.failed(file.display(), line, file.index(), response.status(), title, detail);
        }

        private void record(PlannedFile file, List<StoryResult> done, int stories) {
            results.addAll(done);
            listener.progressed(done, stories);
            Queue<StoryResult> ofFile = byFile.get(file.index());
            ofFile.addAll(done);
            if (remaining.get(file.index()).addAndGet(-stories) == 0) {
                listener.fileDone(file, ofFile.stream().sorted(PushOutcome.ORDER).toList());
            }
        }
    }

    @FunctionalInterface
    private interface Task {
        void run() throws IngestClient.UnreachableException, UnauthorizedException, InterruptedException;
    }

    private void checkAuthorized(IngestClient.Response response) throws UnauthorizedException {
        if (response.status() == 401) {
            JsonNode problem = problemOf(response);
            throw new UnauthorizedException(problem.isMissingNode() ? abbreviate(response.body()) : problemDetail(problem));
        }
    }

    private static JsonNode problemOf(IngestClient.Response response) {
        if (!response.contentType().contains("json") || response.body().isBlank()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            JsonNode tree = JSON.readTree(response.body());
            return tree != null && tree.isObject() ? tree : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** The problem's detail; when it names several invalid fields, each of them. */
    static String problemDetail(JsonNode problem) {
        String detail = problem.path("detail").asText(problem.path("title").asText("no detail given"));
        JsonNode errors = problem.path("errors");
        if (errors.isArray() && errors.size() > 1) {
            List<String> fields = new ArrayList<>();
            errors.forEach(error -> fields.add(error.path("field").asText() + " " + error.path("message").asText()));
            detail = detail + " [" + String.join("; ", fields) + "]";
        }
        return detail;
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "no detail given";
        }
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "newsflow-push-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
