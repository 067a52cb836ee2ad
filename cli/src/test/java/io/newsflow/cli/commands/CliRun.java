package io.newsflow.cli.commands;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.newsflow.cli.NewsflowCli;
import picocli.CommandLine;

/** One {@code newsflow} invocation in this JVM: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cli = new CommandLine(new NewsflowCli());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
