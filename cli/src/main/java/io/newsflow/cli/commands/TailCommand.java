package io.newsflow.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.newsflow.cli.ops.RecordPrinter;
import io.newsflow.cli.ops.TopicReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newsflow tail <topic>}: a topic's records as JSON lines, Avro decoded through the registry. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {"Prints a topic's committed records as JSON lines: position, key, headers and the value decoded",
        "from Confluent-framed Avro. Joins no consumer group and commits nothing."})
public final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "<topic>", description = "The topic, e.g. articles.enriched.")
    String topic;

    @Option(names = {"-n", "--last"}, paramLabel = "<n>", defaultValue = "10",
        description = "Start this many records before the end of each partition (default ${DEFAULT-VALUE}).")
    long last;

    @Option(names = "--from-beginning", description = "Start at the beginning of each partition.")
    boolean fromBeginning;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new records until interrupted.")
    boolean follow;

    @Override
    public Integer call() {
        if (last < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--last must be 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers());
             RecordPrinter printer = new RecordPrinter(kafka.schemaRegistryUrl())) {
            reader.read(topic, fromBeginning ? -1 : last, follow, record -> {
                out.println(printer.print(record));
                out.flush();
            });
            return CommandLine.ExitCode.OK;
        } catch (IllegalArgumentException | org.apache.kafka.common.KafkaException e) {
            spec.commandLine().getErr().println("newsflow tail: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
    }
}
