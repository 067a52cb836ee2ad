package io.newsflow.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.newsflow.testkit.KafkaBrokerExtension;

/**
 * The whole pipeline for one integration test class: a {@link DevStack} on the class's broker, auth off,
 * random ports, and a temporary data directory removed again on close.
 */
public final class RunningPipeline implements AutoCloseable {

    private final Path dataDirectory;
    private final DevStack stack;

    private RunningPipeline(Path dataDirectory, DevStack stack) {
        this.dataDirectory = dataDirectory;
        this.stack = stack;
    }

    public static RunningPipeline on(KafkaBrokerExtension kafka, String name) throws IOException {
        Path dataDirectory = Files.createTempDirectory("newsflow-" + name);
        try {
            return new RunningPipeline(dataDirectory, DevStack.start(new DevStack.Options(dataDirectory, DevStack.Ports.random(),
                Optional.of(kafka.bootstrapServers()), false)));
        } catch (RuntimeException e) {
            KafkaBrokerExtension.Directories.deleteRecursively(dataDirectory);
            throw e;
        }
    }

    public DevStack stack() {
        return stack;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        stack.close();
        KafkaBrokerExtension.Directories.deleteRecursively(dataDirectory);
    }
}
