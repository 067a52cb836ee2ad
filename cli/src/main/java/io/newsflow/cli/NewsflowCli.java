package io.newsflow.cli;

import java.util.concurrent.Callable;

import io.newsflow.cli.commands.DictionaryCommand;
import io.newsflow.cli.commands.DlqCommand;
import io.newsflow.cli.commands.EvaluateCommand;
import io.newsflow.cli.commands.LagCommand;
import io.newsflow.cli.commands.PushCommand;
import io.newsflow.cli.commands.TailCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code newsflow} command. Each subcommand is its own class in {@code io.newsflow.cli.commands}; options
 * they share (where ingest-service is, the API key) come from {@link io.newsflow.cli.commands.IngestOptions}.
 *
 * <p>Exit codes follow picocli: 0 when everything worked, 1 when the server refused something, 2 for a usage
 * error or a server that could not be reached.
 */
@Command(name = "newsflow",
    mixinStandardHelpOptions = true,
    versionProvider = NewsflowCli.Version.class,
    description = "Works with a running Newsflow pipeline from the command line.",
    subcommands = {PushCommand.class, DictionaryCommand.class, EvaluateCommand.class, LagCommand.class, TailCommand.class,
        DlqCommand.class,
        CommandLine.HelpCommand.class},
    synopsisSubcommandLabel = "COMMAND",
    footer = {"", "Run 'newsflow help COMMAND' for a command's options."})
public final class NewsflowCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NewsflowCli()).execute(args));
    }

    /** Without a subcommand there is nothing to do: show what there is, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("newsflow: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The version Maven built, from the jar's manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = NewsflowCli.class.getPackage().getImplementationVersion();
            return new String[] {"newsflow " + (version == null ? "(development build)" : version)};
        }
    }
}
