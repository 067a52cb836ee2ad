package io.newsflow.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

import io.newsflow.cli.push.IdempotencyKeys;
import io.newsflow.cli.push.IngestClient;
import io.newsflow.cli.push.NdjsonChunks;
import io.newsflow.cli.push.PlannedFile;
import io.newsflow.cli.push.ProgressListeners;
import io.newsflow.cli.push.PushOutcome;
import io.newsflow.cli.push.PushPlan;
import io.newsflow.cli.push.PushText;
import io.newsflow.cli.push.Pusher;
import io.newsflow.cli.push.StoryFormat;
import io.newsflow.cli.push.StoryResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newsflow push <path>...}: sends story files and folders of them to ingest-service. */
@Command(name = "push",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Sends stories to ingest-service: files, or folders of them (searched recursively).",
        "",
        "  *.json             one story: native Newsflow JSON or ninjs (by content)",
        "  *.ndjson, *.jsonl  one story a line, sent to POST /articles:batch in",
        "                     requests of at most " + NdjsonChunks.MAX_LINES + " lines",
        "  *.txt              one raw scraped page",
        "",
        "Prints a summary at the end. Exits with 0 if every story was accepted, 1 if any was refused, "
            + "2 on a usage error or when ingest-service cannot be reached.",
        ""},
    footer = {"",
        "Re-running a push with the same --idempotency-prefix is safe: ingest-service answers a key it knows with the "
            + "first receipt instead of publishing again. Keys name each file relative to the folder pushed (or by its "
            + "name when a file is pushed), plus '#<line>' for NDJSON lines."})
public final class PushCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IngestOptions ingest;

    @Parameters(paramLabel = "<path>", arity = "1..*", description = "Story files, or folders holding them.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "auto", converter = FormatChoiceConverter.class,
        description = "auto|json|ninjs|page. auto (the default) goes by extension, and by content for .json; the others "
            + "send every single-story file so, whatever its name. NDJSON files are always batches.")
    StoryFormat.Choice format;

    @Option(names = "--idempotency-prefix", paramLabel = "<p>",
        description = "Send 'Idempotency-Key: <p>:<relative path>[#line]' with every story, so the push can be re-run safely.")
    String idempotencyPrefix;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
        description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--dry-run", description = "List what would be sent, and send nothing.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr; only the summary.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print every accepted story with its id, version and Kafka position.")
    boolean verbose;

    /** Whether stderr is a terminal, for the progress bar; replaceable in tests. */
    BooleanSupplier terminal = () -> System.console() != null;

    private PushOutcome outcome;

    /** What the last run of this command did, if it got as far as sending. */
    public Optional<PushOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (concurrency < 1 || concurrency > 64) {
            throw usage("--concurrency must be between 1 and 64; got " + concurrency);
        }
        Optional<String> prefix = Optional.ofNullable(idempotencyPrefix);
        prefix.flatMap(IdempotencyKeys::problemWithPrefix).ifPresent(problem -> {
            throw usage(problem);
        });
        String url = ingest.ingestUri().toString();
        PushPlan plan;
        try {
            plan = PushPlan.of(paths, format, prefix);
        } catch (PushPlan.PlanException e) {
            throw usage(e.getMessage());
        }
        if (dryRun) {
            return dryRun(plan, prefix, url, out);
        }

        IngestClient client = new IngestClient(ingest.ingestUri(), ingest.apiKey());
        Pusher.Listener progress = quiet ? ProgressListeners.none()
            : terminal.getAsBoolean() ? ProgressListeners.bar(err) : ProgressListeners.perFile(err);
        try {
            outcome = new Pusher(client, concurrency, prefix, NdjsonChunks.MAX_LINES, NdjsonChunks.MAX_BYTES, progress).push(plan);
        } catch (IngestClient.UnreachableException e) {
            err.println("newsflow push: " + e.getMessage() + ". Is it running? Point --ingest-url or NEWSFLOW_INGEST_URL at it.");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        } catch (Pusher.UnauthorizedException e) {
            err.println(PushText.unauthorized(url, client.hasApiKey(), e.getMessage()));
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (verbose) {
            outcome.results().stream().filter(StoryResult::isAccepted).map(PushText::receiptLine).forEach(out::println);
        }
        out.print(PushText.summary(outcome, url));
        out.flush();
        return outcome.allAccepted() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    private int dryRun(PushPlan plan, Optional<String> prefix, String url, PrintWriter out) {
        for (PlannedFile file : plan.files()) {
            int requests = 1;
            if (file.format().isBatch()) {
                int[] chunks = {0};
                try {
                    NdjsonChunks.forEach(file.path(), file.stories(), NdjsonChunks.MAX_LINES, NdjsonChunks.MAX_BYTES, chunk -> chunks[0]++);
                } catch (IOException e) {
                    throw usage("Could not read " + file.display() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                requests = chunks[0];
            }
            out.println(PushText.dryRunLine(file, requests, prefix));
        }
        out.println(PushText.dryRunSummary(plan, url));
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /** {@code --format} in any case: auto, json, ninjs, page. */
    static final class FormatChoiceConverter implements CommandLine.ITypeConverter<StoryFormat.Choice> {
        @Override
        public StoryFormat.Choice convert(String value) {
            for (StoryFormat.Choice choice : StoryFormat.Choice.values()) {
                if (choice.name().equalsIgnoreCase(value.strip())) {
                    return choice;
                }
            }
            throw new CommandLine.TypeConversionException("expected auto, json, ninjs or page but was '" + value + "'");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
