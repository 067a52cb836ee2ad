package io.newsflow.cli.commands;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import io.newsflow.platform.lag.ConsumerLagReader;
import io.newsflow.platform.lag.LagSnapshot;
import io.newsflow.platform.lag.PartitionLag;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsflow lag}: a table of consumer lag per group and partition, in offsets and in seconds. */
@Command(name = "lag", mixinStandardHelpOptions = true,
    description = {"Shows consumer lag per group and partition: committed offset, partition end, lag in offsets and",
        "the age of the oldest unconsumed record in seconds (from its timestamp)."})
public final class LagCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = {"-g", "--group"}, paramLabel = "<group>",
        description = "A consumer group to show; repeatable. Default: every group the cluster knows.")
    List<String> groups;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConsumerLagReader reader = new ConsumerLagReader(kafka.bootstrapServers(), Clock.systemUTC())) {
            List<String> wanted = groups == null || groups.isEmpty() ? reader.groups() : groups;
            if (wanted.isEmpty()) {
                out.println("No consumer groups.");
                return CommandLine.ExitCode.OK;
            }
            LagSnapshot snapshot = reader.read(wanted);
            out.printf("%-32s %-24s %9s %12s %12s %10s %12s%n",
                "GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "LAG SECONDS");
            for (PartitionLag p : snapshot.partitions()) {
                out.printf("%-32s %-24s %9d %12s %12d %10d %12.1f%n", p.group(), p.topic(), p.partition(),
                    p.committedOffset() < 0 ? "-" : String.valueOf(p.committedOffset()), p.endOffset(),
                    p.lagOffsets(), p.lagSeconds());
            }
            snapshot.maxLagByGroup().forEach((group, max) -> out.printf("%s: max lag %d offsets, %.1f s%n", group, max,
                snapshot.maxLagSecondsByGroup().get(group)));
            return CommandLine.ExitCode.OK;
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            spec.commandLine().getErr().println("newsflow lag: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
    }
}
