package io.newsflow.ingest.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.newsflow.ingest.ArticleValidator;
import io.newsflow.ingest.ArticleValidator.InvalidArticleException;
import io.newsflow.ingest.auth.Editor;
import io.newsflow.ingest.editorial.EditorialWriter;
import io.newsflow.ingest.editorial.Outcome;
import io.newsflow.ingest.editorial.StoryCommand;
import io.newsflow.ingest.editorial.StoryDraft;
import io.newsflow.platform.logging.StoryLog;
import io.newsflow.platform.http.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ingest-service's story API: {@code POST /articles} (JSON, ninjs or a raw page), {@code POST /articles:batch}
 * (NDJSON, answered line by line), {@code DELETE /articles/{id}} (kill) and
 * {@code POST /articles/{id}/reinstate}.
 *
 * <p>While a request is about one story, its id (and version, once known) is in the MDC ({@link StoryLog}),
 * so every line logged for it names the story.
 */
public final class ArticleRoutes {

    private static final Logger log = LoggerFactory.getLogger(ArticleRoutes.class);
    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    static final int MAX_BATCH_LINES = 10_000;

    private final ObjectMapper json;
    private final SubmissionReader reader;
    private final ArticleValidator validator;
    private final EditorialWriter writer;
    private final Authenticator authenticator;
    private final long maxBodyBytes;
    private final long maxBatchBytes;

    public ArticleRoutes(ObjectMapper json, SubmissionReader reader, ArticleValidator validator, EditorialWriter writer,
                         Authenticator authenticator, long maxBodyBytes, long maxBatchBytes) {
        this.json = json;
        this.reader = reader;
        this.validator = validator;
        this.writer = writer;
        this.authenticator = authenticator;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBatchBytes = maxBatchBytes;
    }

    public void register(RoutesConfig routes) {
        routes.post("/articles", this::publish);
        routes.post("/articles:batch", this::batch);
        routes.delete("/articles/{id}", this::kill);
        routes.post("/articles/{id}/reinstate", this::reinstate);
    }

    private void publish(Context ctx) {
        Editor editor = authenticator.editor(ctx);
        SubmissionReader.Format format = SubmissionReader.formatOf(contentType(ctx));
        byte[] body = boundedBody(ctx, maxBodyBytes);
        String idempotencyKey = idempotencyKey(ctx);
        ArticleSubmission submission = withIdFromKey(reader.read(format, body), editor, idempotencyKey);
        try (StoryLog.Scope story = StoryLog.story(submission.id(), submission.version())) {
            StoryDraft draft = draft(submission);
            answer(ctx, await(ctx, writer.submit(new StoryCommand.Publish(draft, editor, idempotencyKey))));
        }
    }

    private void kill(Context ctx) {
        Editor editor = authenticator.editor(ctx);
        try (StoryLog.Scope story = StoryLog.story(ctx.pathParam("id"))) {
            answer(ctx, await(ctx, writer.submit(new StoryCommand.Kill(ctx.pathParam("id"), editor, idempotencyKey(ctx)))));
        }
    }

    private void reinstate(Context ctx) {
        Editor editor = authenticator.editor(ctx);
        try (StoryLog.Scope story = StoryLog.story(ctx.pathParam("id"))) {
            answer(ctx, await(ctx, writer.submit(new StoryCommand.Reinstate(ctx.pathParam("id"), editor, idempotencyKey(ctx)))));
        }
    }

    /**
     * One story per NDJSON line, each answered on its own line in order: a bad line never stops the good ones,
     * and no line is ever half published. With an Idempotency-Key, line N is retried safely under
     * {@code <key>#N}.
     */
    private void batch(Context ctx) throws JsonProcessingException {
        Editor editor = authenticator.editor(ctx);
        SubmissionReader.requireUtf8(contentType(ctx));
        String media = contentType(ctx) == null ? "" : contentType(ctx).split(";")[0].trim();
        if (!media.equals("application/x-ndjson") && !media.equals("application/jsonl")) {
            throw new ProblemException(415, "Unsupported Media Type",
                "POST /articles:batch takes application/x-ndjson: one JSON or ninjs story per line");
        }
        String batchKey = idempotencyKey(ctx);
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxBatchBytes) {
            throw new ProblemException(413, "Content Too Large", "A batch may be at most " + maxBatchBytes
                + " bytes (ingest.max.batch.bytes); this one has " + body.length + ". Split it. Nothing was published.");
        }
        List<String> lines = SubmissionReader.utf8(body).lines().toList();
        if (lines.size() > MAX_BATCH_LINES) {
            throw new ProblemException(413, "Content Too Large", "A batch holds at most " + MAX_BATCH_LINES
                + " lines; this one has " + lines.size() + ". Nothing was published.");
        }
        List<CompletableFuture<Outcome>> pending = new ArrayList<>();
        List<Object> early = new ArrayList<>();
        List<ArticleSubmission> submissions = new ArrayList<>();
        // A story's lines apply in order: once one is refused here, its later lines are held back too, or the
        // update after a refused create would become the story's first version and the resent create its second.
        Map<String, Integer> refusedAt = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String key = batchKey == null ? null : batchKey + "#" + (i + 1);
            try {
                if (line.isBlank()) {
                    throw ProblemException.badRequest("Line " + (i + 1) + " is empty");
                }
                if (line.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
                    throw new ProblemException(413, "Content Too Large", "Line " + (i + 1) + " exceeds " + maxBodyBytes + " bytes");
                }
                ArticleSubmission submission = withIdFromKey(
                    reader.read(SubmissionReader.Format.JSON, line.getBytes(StandardCharsets.UTF_8)), editor, key);
                submissions.add(submission);
                Integer earlier = submission.id() == null ? null : refusedAt.get(submission.id());
                if (earlier != null) {
                    throw new ProblemException(424, "Failed Dependency", "Line " + earlier + " of this batch, for the same story '"
                        + submission.id() + "', was not accepted, so this later line was not published either. Nothing of it"
                        + " was written; send the story's lines again in order.");
                }
                CompletableFuture<Outcome> submitted = writer.submit(new StoryCommand.Publish(draft(submission), editor, key));
                if (submitted.isCompletedExceptionally()) {
                    refusedAt.put(submission.id(), i + 1);
                }
                pending.add(submitted);
                early.add(null);
            } catch (ProblemException problem) {
                if (submissions.size() == i) {
                    submissions.add(null);
                }
                ArticleSubmission refused = submissions.get(i);
                if (refused != null && refused.id() != null) {
                    refusedAt.putIfAbsent(refused.id(), i + 1);
                }
                pending.add(null);
                early.add(problem);
            }
        }
        // One deadline for the whole batch: waiting the full budget per line would let a batch of 100 lines take
        // 100 publish timeouts while Kafka is away, long after the client has given up.
        long deadline = System.nanoTime() + answerBudget().toNanos();
        StringBuilder answers = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> lineAnswer = new LinkedHashMap<>();
            lineAnswer.put("line", i + 1);
            Object result;
            ArticleSubmission submission = submissions.get(i);
            try (StoryLog.Scope story = StoryLog.story(submission == null ? null : submission.id(),
                    submission == null ? null : submission.version())) {
                result = early.get(i) != null ? early.get(i)
                    : waitFor(pending.get(i), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (ProblemException problem) {
                result = problem;
            }
            if (result instanceof ProblemException problem) {
                lineAnswer.put("status", problem.status());
                lineAnswer.put("problem", problem.problem("/articles:batch#line-" + (i + 1)));
            } else {
                Outcome outcome = (Outcome) result;
                if (outcome instanceof Outcome.Refused refused) {
                    lineAnswer.put("status", refused.problem().status());
                    lineAnswer.put("problem", refused.problem().problem("/articles:batch#line-" + (i + 1)));
                } else {
                    lineAnswer.put("status", 202);
                    lineAnswer.put("receipt", outcome instanceof Outcome.Published p ? p.receipt() : ((Outcome.Replayed) outcome).receipt());
                }
            }
            answers.append(json.writeValueAsString(lineAnswer)).append('\n');
        }
        ctx.status(200).contentType("application/x-ndjson").result(answers.toString());
    }

    private StoryDraft draft(ArticleSubmission submission) {
        try {
            return validator.draft(submission);
        } catch (InvalidArticleException e) {
            String detail = e.errors().size() == 1 ? "Invalid field: " + e.getMessage()
                : e.errors().size() + " invalid fields, first: " + e.getMessage();
            throw ProblemException.unprocessable(detail, e.errors());
        }
    }

    /**
     * Without an id, a story pushed with an Idempotency-Key gets an id derived from the desk and key, so a
     * retry lands on the same story instead of creating a twin.
     */
    private static ArticleSubmission withIdFromKey(ArticleSubmission submission, Editor editor, String idempotencyKey) {
        if (submission.id() != null || idempotencyKey == null) {
            return submission;
        }
        String id = java.util.UUID.nameUUIDFromBytes((editor.desk() + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
        return new ArticleSubmission(id, submission.version(), submission.source(), submission.language(), submission.headline(),
            submission.body(), submission.byline(), submission.labels(), submission.urgency(), submission.publishedAt(),
            submission.embargoUntil(), submission.pubStatus(), submission.editorNote(), submission.reTop());
    }

    /**
     * The Content-Type header as sent. Javalin's {@code ctx.contentType()} parses the charset and throws on one the
     * JVM does not know ("charset=ebcdic"), which must be a 415, not a 500.
     */
    private static String contentType(Context ctx) {
        return ctx.header("Content-Type");
    }

    /** Waits for the writer; {@code ctx} gets a Retry-After when the answer is a 503. */
    private Outcome await(Context ctx, CompletableFuture<Outcome> answer) {
        try {
            return waitFor(answer, answerBudget());
        } catch (ProblemException problem) {
            if (problem.status() == 503) {
                ctx.header("Retry-After", "5");
            }
            throw problem;
        }
    }

    /** How long a request waits for the writer's answer: its publish timeout and a margin for the commit. */
    private Duration answerBudget() {
        return writer.timeout().plusSeconds(2);
    }

    private Outcome waitFor(CompletableFuture<Outcome> answer, Duration budget) {
        try {
            return answer.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ProblemException problem) {
                throw problem;
            }
            log.warn("story not published: {}", cause.getMessage());
            throw unavailable(cause.getMessage());
        } catch (TimeoutException e) {
            // The command may still be in the writer's queue or in a transaction Kafka has not settled, so saying
            // "nothing was written" would be a guess. A retry with the same key is answered from the ledger.
            throw new ProblemException(503, "Service Unavailable", "Kafka gave no answer within "
                + writer.timeout().toMillis() + " ms, so the story may or may not be published yet. Retry with the same id"
                + " and version, or the same Idempotency-Key: the retry is answered from the story ledger once the"
                + " outcome is known, and never publishes the story twice.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private static ProblemException unavailable(String reason) {
        return new ProblemException(503, "Service Unavailable", "The story was not published (" + reason
            + "). Nothing was written; retry with the same id and version, or the same Idempotency-Key.");
    }

    private static void answer(Context ctx, Outcome outcome) {
        if (outcome instanceof Outcome.Refused refused) {
            throw refused.problem();
        }
        var receipt = outcome instanceof Outcome.Published p ? p.receipt() : ((Outcome.Replayed) outcome).receipt();
        try (StoryLog.Scope story = StoryLog.story(receipt.id(), receipt.version())) {
            log.info("story {} v{} {} at {}-{}@{}", receipt.id(), receipt.version(),
                outcome instanceof Outcome.Published ? "published" : "already published", receipt.topic(), receipt.partition(),
                receipt.offset());
        }
        ctx.status(202).json(receipt);
    }

    /**
     * The body, if within the per-story limit. It is read even when too large (the server-wide limit still
     * bounds it): answering before the client has finished sending makes some clients see a reset instead
     * of the 413.
     */
    private static byte[] boundedBody(Context ctx, long maxBytes) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return body;
    }

    private static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(413, "Content Too Large", "A story may be at most " + maxBytes
            + " bytes (ingest.max.body.bytes); send long sets as NDJSON to POST /articles:batch. Nothing was published.");
    }

    private static String idempotencyKey(Context ctx) {
        String key = ctx.header(IDEMPOTENCY_KEY_HEADER);
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.badRequest("Idempotency-Key must be 1-255 visible ASCII characters");
        }
        return key;
    }
}
