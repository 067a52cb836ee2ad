package io.newsflow.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Apache Kafka in a container, for machines with a Docker engine. Tests ask {@link #dockerAvailable()}
 * first and skip (never fail, never fake) where there is none.
 */
public final class ContainerKafkaBroker implements KafkaBroker {

    public static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:4.1.0");

    private final KafkaContainer container = new KafkaContainer(IMAGE)
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

    public static boolean dockerAvailable() {
        // Ask Testcontainers only when an engine could plausibly be there: its probe logs an ERROR otherwise.
        boolean socket = java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        boolean configured = System.getenv("DOCKER_HOST") != null
            || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!socket && !configured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public ContainerKafkaBroker start() {
        container.start();
        return this;
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
