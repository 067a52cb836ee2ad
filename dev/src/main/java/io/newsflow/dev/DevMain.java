package io.newsflow.dev;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow-dev}: runs the whole pipeline in one process and prints where to reach it. */
@Command(name = "newsflow-dev", mixinStandardHelpOptions = true,
    description = "Runs Kafka (embedded KRaft), the schema registry, ingest-, enrich- and feed-service in one process.")
public final class DevMain implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = ".newsflow/data", description = "State directory, kept across restarts (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Embedded broker port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "Embedded KRaft controller port (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--ingest-port", defaultValue = "8082", description = "ingest-service port (default: ${DEFAULT-VALUE}).")
    int ingestPort;

    @Option(names = "--feed-port", defaultValue = "8083", description = "feed-service port (default: ${DEFAULT-VALUE}).")
    int feedPort;

    @Option(names = "--enrich-port", defaultValue = "8084", description = "enrich-service health/metrics port (default: ${DEFAULT-VALUE}).")
    int enrichPort;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of starting the embedded broker.")
    String externalBootstrapServers;

    @Option(names = "--no-samples", description = "Do not load the sample stories.")
    boolean noSamples;

    public static void main(String[] args) {
        int exit = new CommandLine(new DevMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        long begun = System.nanoTime();
        var ports = new DevStack.Ports(kafkaPort, controllerPort, registryPort, ingestPort, feedPort, enrichPort);
        var options = new DevStack.Options(dataDirectory, ports, Optional.ofNullable(externalBootstrapServers));
        DevStack stack = DevStack.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "newsflow-dev-shutdown"));
        int loaded = noSamples ? 0 : new SampleLoader(stack.ingestUrl(), stack.feedUrl()).loadMissing();
        double seconds = (System.nanoTime() - begun) / 1e9;
        System.out.printf("%nNewsflow ready in %.1f s (%d sample stories published)%n", seconds, loaded);
        System.out.printf("  ingest    POST %s/articles%n", stack.ingestUrl());
        System.out.printf("  page           %s/%n", stack.feedUrl());
        System.out.printf("  lag page       %s/ops/lag%n", stack.feedUrl());
        System.out.printf("  feed      GET  %s/feed%n", stack.feedUrl());
        System.out.printf("  live      GET  %s/feed/stream%n", stack.feedUrl());
        System.out.printf("  article   GET  %s/articles/{id}%n", stack.feedUrl());
        System.out.printf("  registry       %s/subjects%n", stack.registryUrl());
        System.out.printf("  enrich         %s/health/ready%n", stack.enrichUrl());
        System.out.printf("  kafka          %s%n", stack.bootstrapServers());
        System.out.printf("  data           %s%n", dataDirectory.toAbsolutePath());
        if (!options.authConfigured()) {
            System.out.println("  auth           OFF: ingest accepts unauthenticated edits (dev mode, bound to 127.0.0.1).");
            System.out.println("                 Set NEWSFLOW_AUTH_ENABLED=true and NEWSFLOW_AUTH_KEYS_FILE=<file> to require API keys.");
        } else {
            System.out.println("  auth           as configured by NEWSFLOW_AUTH_* / -Dauth.*");
        }
        System.out.println("Press Ctrl+C to stop; data is kept for the next start.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
