package io.newsflow.bench.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Class paths for the benchmark's child JVMs. The services, the broker and the dev stack run on the dev module's
 * class path, exactly as {@code ./newsflow-dev} starts them: the module jars plus {@code dev/target/runtime-classpath.txt},
 * which the reactor build writes. The shaded {@code benchmarks.jar} is not fit for them: merging every jar into one
 * loses log4j's provider, so services in it would log nothing below ERROR and pay none of their logging costs.
 * Kafka's tools run on the benchmark jar, which has them.
 */
final class ClassPaths {

    private ClassPaths() {
    }

    /** The dev module's class path plus the bench module's own classes, if the build left them. */
    static Optional<String> services() {
        Path classpathFile = Path.of("dev/target/runtime-classpath.txt");
        Optional<Path> devJar = jar(Path.of("dev/target"), "newsflow-dev-");
        Optional<Path> benchJar = jar(Path.of("bench/target"), "newsflow-bench-");
        if (!Files.isReadable(classpathFile) || devJar.isEmpty() || benchJar.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(benchJar.get().toAbsolutePath() + File.pathSeparator + devJar.get().toAbsolutePath()
                + File.pathSeparator + Files.readString(classpathFile).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's own class path: the shaded benchmark jar. */
    static String benchmark() {
        return System.getProperty("java.class.path");
    }

    private static Optional<Path> jar(Path directory, String prefix) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".jar")
                && !f.getFileName().toString().contains("-sources")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
