package io.newsflow.testkit;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedKafkaBroker} as a process's only job, for tests that need the broker in a JVM of its
 * own (so it can be killed or restarted without taking the test down):
 *
 * <pre>
 * java -cp … io.newsflow.testkit.EmbeddedKafkaBrokerMain DATA_DIR PORT CONTROLLER_PORT
 * </pre>
 *
 * The ports are fixed and the data directory is reused, so a restarted broker keeps its address, topics,
 * offsets and transactions. {@code SIGTERM} shuts it down cleanly; {@code SIGKILL} leaves it for log recovery
 * on the next start. Prints {@link #READY} on standard output once clients can connect.
 */
public final class EmbeddedKafkaBrokerMain {

    /** The line printed once the broker accepts clients. */
    public static final String READY = "embedded kafka broker ready";

    private EmbeddedKafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("Usage: EmbeddedKafkaBrokerMain DATA_DIR PORT CONTROLLER_PORT");
            System.exit(2);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(Path.of(args[0]), Integer.parseInt(args[1]),
            Integer.parseInt(args[2]), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "embedded-kafka-shutdown"));
        broker.start();
        System.out.println(READY + " at " + broker.bootstrapServers());
        stopped.await();
    }
}
