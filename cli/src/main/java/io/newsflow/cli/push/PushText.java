package io.newsflow.cli.push;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Everything a push prints, as pure functions of what happened. */
public final class PushText {

    public static final int BAR_WIDTH = 20;

    private PushText() {
    }

    /** {@code [#####...............] 42/100 stories, 2 failed, 35/s}, for redrawing in place. */
    public static String progressBar(int done, int total, int failed, double perSecond) {
        int filled = total <= 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, (long) done * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total + " stories, "
            + failed + " failed, " + Math.round(perSecond) + "/s";
    }

    /** The stories done per second since the start, 0 before any time has passed. */
    public static double rate(int done, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** One line per finished file, for logs and pipes. */
    public static String fileLine(PlannedFile file, List<StoryResult> results) {
        if (!file.format().isBatch() && results.size() == 1) {
            StoryResult result = results.get(0);
            return result.isAccepted()
                ? file.display() + ": accepted as " + result.receipt().id() + " v" + result.receipt().version()
                : file.display() + ": FAILED " + statusText(result) + " " + result.detail();
        }
        long accepted = results.stream().filter(StoryResult::isAccepted).count();
        long failed = results.size() - accepted;
        return file.display() + ": " + accepted + " accepted" + (failed > 0 ? ", " + failed + " FAILED" : "")
            + " (" + file.stories() + (file.stories() == 1 ? " line)" : " lines)");
    }

    /** One accepted story with where it landed; {@code --verbose} prints these. */
    public static String receiptLine(StoryResult result) {
        Receipt receipt = result.receipt();
        return "accepted " + result.where() + " id=" + receipt.id() + " version=" + receipt.version()
            + " at=" + receipt.position() + (receipt.pubStatus() == null ? "" : " pubStatus=" + receipt.pubStatus());
    }

    /** What {@code --dry-run} lists for a file. */
    public static String dryRunLine(PlannedFile file, int requests, Optional<String> prefix) {
        StringBuilder line = new StringBuilder("would send ").append(file.display()).append(" as ").append(file.format().contentType());
        if (file.format().isBatch()) {
            line.append(" (").append(file.stories()).append(file.stories() == 1 ? " story" : " stories").append(" in ")
                .append(requests).append(requests == 1 ? " request)" : " requests)");
        }
        prefix.ifPresent(p -> line.append(", Idempotency-Key ").append(file.format().isBatch()
            ? IdempotencyKeys.forLine(IdempotencyKeys.forChunk(p, file.keyPath(), 1), 1) + (file.stories() > 1 ? ".." : "")
            : IdempotencyKeys.forStory(p, file.keyPath())));
        return line.toString();
    }

    public static String dryRunSummary(PushPlan plan, String ingestUrl) {
        return "Dry run: " + stories(plan.stories()) + " from " + files(plan.files().size()) + " would go to " + ingestUrl
            + "; nothing was sent.";
    }

    /**
     * The end of a push: counts, then each failure as {@code file[:line]  status  detail}. Replays of an earlier
     * push are 202s like new stories, so both count as accepted.
     */
    public static String summary(PushOutcome outcome, String ingestUrl) {
        List<StoryResult> failures = outcome.failures();
        StringBuilder text = new StringBuilder();
        text.append("Pushed ").append(stories(outcome.results().size())).append(" from ").append(files(outcome.files()))
            .append(" to ").append(ingestUrl).append(" in ").append(seconds(outcome.elapsed())).append('\n');
        text.append("  accepted: ").append(outcome.accepted()).append(" (published, or already published by an earlier push)\n");
        text.append("  failed:   ").append(failures.size()).append('\n');
        if (!failures.isEmpty()) {
            int width = failures.stream().mapToInt(failure -> failure.where().length()).max().orElse(0);
            text.append("Failures:\n");
            for (StoryResult failure : failures) {
                text.append("  ").append(pad(failure.where(), width)).append("  ").append(pad(statusText(failure), 3))
                    .append("  ").append(failure.detail() == null ? "" : failure.detail()).append('\n');
            }
            if (failures.stream().anyMatch(failure -> failure.status() == 403)) {
                text.append("Hint: 403 means the API key's editor may not do that (another desk's story, or a missing role); "
                    + "check --api-key or NEWSFLOW_API_KEY.\n");
            }
            if (failures.stream().anyMatch(failure -> failure.status() == 503 || failure.status() == 0)) {
                text.append("Hint: stories that got no answer or a 503 may not be published; push again with the same "
                    + "--idempotency-prefix to retry them safely: what is already published is not published twice.\n");
            }
        }
        return text.toString();
    }

    /** The one line printed for a 401, which stops the push. */
    public static String unauthorized(String ingestUrl, boolean keyGiven, String detail) {
        return keyGiven
            ? "newsflow push: ingest-service at " + ingestUrl + " refused the API key (401: " + detail
                + "). Check --api-key or NEWSFLOW_API_KEY."
            : "newsflow push: ingest-service at " + ingestUrl + " needs an API key (401: " + detail
                + "). Pass an editor's key with --api-key or set NEWSFLOW_API_KEY.";
    }

    static String statusText(StoryResult result) {
        return result.status() == 0 ? "---" : String.valueOf(result.status());
    }

    private static String stories(long count) {
        return count + (count == 1 ? " story" : " stories");
    }

    private static String files(long count) {
        return count + (count == 1 ? " file" : " files");
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
