package io.newsflow.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.newsflow.linking.evaluation.EvaluationReport;
import io.newsflow.linking.evaluation.Evaluator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow evaluate <gold.jsonl>}: runs the entity linker (default dictionary, in-process, no pipeline
 * needed) over a gold file in the corpus JSONL format and prints how well it did.
 */
@Command(name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Scores entity linking and topic tags against a JSONL gold file (one article a line with gold_entities and "
            + "gold_topics, as in the shared corpus).",
        "",
        "Prints micro precision, recall and F1 over (mention occurrence, canonical) pairs, the ambiguity subset, "
            + "per-language scores, type accuracy, tag agreement and the worst errors. See docs/quality.md.",
        "",
        "Exits with 0, or 1 when --min-f1 is given and overall F1 is below it, 2 on a usage error or an unreadable "
            + "gold file.",
        ""})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<gold.jsonl>", arity = "1", description = "Gold file, one article a line.")
    Path gold;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "20",
        description = "How many error groups to list, worst first (default: ${DEFAULT-VALUE}).")
    int worst;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Option(names = "--min-f1", paramLabel = "X",
        description = "Exit with 1 when overall F1 is below X (0..1), e.g. 0.93.")
    Double minF1;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (worst < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--worst must be 0 or more");
        }
        if (minF1 != null && (minF1.isNaN() || minF1 < 0 || minF1 > 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--min-f1 must be between 0 and 1");
        }
        if (!Files.isRegularFile(gold)) {
            err.println("newsflow evaluate: no such file: " + gold);
            return CommandLine.ExitCode.USAGE;
        }
        EvaluationReport report;
        try {
            report = Evaluator.withDefaultLinker().evaluate(gold);
        } catch (IOException | IllegalArgumentException e) {
            err.println("newsflow evaluate: cannot read " + gold + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        out.print(json ? report.toJson(worst) + System.lineSeparator() : report.render(worst));
        out.flush();
        if (minF1 != null && report.overall().f1() < minF1) {
            err.println(String.format(Locale.ROOT, "newsflow evaluate: F1 %.4f is below --min-f1 %.4f",
                report.overall().f1(), minF1));
            return 1;
        }
        return CommandLine.ExitCode.OK;
    }
}
