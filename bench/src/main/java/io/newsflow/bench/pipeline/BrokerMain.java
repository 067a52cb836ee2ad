package io.newsflow.bench.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.newsflow.testkit.EmbeddedKafkaBroker;

/**
 * The benchmark's broker in a JVM of its own: the project's single-node KRaft broker ({@link EmbeddedKafkaBroker},
 * the same settings as the dev stack and the tests), so the broker's threads and heap are apart from the services
 * and from the load generator, as when the performance anchors were measured.
 *
 * <pre>java … BrokerMain DATA_DIR PORT CONTROLLER_PORT</pre>
 *
 * Prints {@value #READY} and the bootstrap address once clients can connect; stops cleanly on SIGTERM.
 */
public final class BrokerMain {

    static final String READY = "BROKER READY ";

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: BrokerMain DATA_DIR PORT CONTROLLER_PORT");
            System.exit(2);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(Path.of(args[0]), Integer.parseInt(args[1]),
            Integer.parseInt(args[2]), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        broker.start();
        System.out.println(READY + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
