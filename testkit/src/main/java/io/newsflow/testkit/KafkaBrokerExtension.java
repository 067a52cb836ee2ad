package io.newsflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving a test class one real Kafka broker for all its tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension kafka = KafkaBrokerExtension.embedded();
 * }</pre>
 *
 * {@link #embedded()} starts an in-process KRaft broker in a fresh directory per test class.
 * {@link #container()} uses Testcontainers and skips the class with a clear message where no Docker
 * engine is reachable.
 */
public final class KafkaBrokerExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private final Supplier<KafkaBroker> factory;
    private final boolean needsDocker;
    private KafkaBroker broker;
    private Path dataDirectory;

    private KafkaBrokerExtension(Supplier<KafkaBroker> factory, boolean needsDocker) {
        this.factory = factory;
        this.needsDocker = needsDocker;
    }

    public static KafkaBrokerExtension embedded() {
        KafkaBrokerExtension[] self = new KafkaBrokerExtension[1];
        self[0] = new KafkaBrokerExtension(() -> EmbeddedKafkaBroker.create(self[0].dataDirectory, 0), false);
        return self[0];
    }

    public static KafkaBrokerExtension container() {
        return new KafkaBrokerExtension(ContainerKafkaBroker::new, true);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!needsDocker || context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("no Docker needed");
        }
        if (ContainerKafkaBroker.dockerAvailable()) {
            return ConditionEvaluationResult.enabled("Docker engine reachable");
        }
        String reason = "SKIPPED " + context.getDisplayName() + ": no Docker engine is reachable, so the Testcontainers "
            + "Kafka path cannot run here; the same scenario runs on the in-process KRaft broker instead.";
        System.err.println(reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDirectory = Files.createTempDirectory("newsflow-kafka-" + context.getRequiredTestClass().getSimpleName());
        broker = factory.get().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
        if (dataDirectory != null) {
            Directories.deleteRecursively(dataDirectory);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** Stops and starts the same broker on the same data directory (embedded brokers only). */
    public void restart() {
        if (!(broker instanceof EmbeddedKafkaBroker embedded)) {
            throw new UnsupportedOperationException("restart is only supported for the embedded broker");
        }
        embedded.close();
        broker = EmbeddedKafkaBroker.create(embedded.dataDirectory(), embedded.port()).start();
    }

    /** Recursive delete that tolerates files vanishing underneath it. */
    public static final class Directories {
        private Directories() {
        }

        public static void deleteRecursively(Path root) {
            if (!Files.exists(root)) {
                return;
            }
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // A leftover temp directory is harmless; never fail a test on cleanup.
            }
        }
    }
}
