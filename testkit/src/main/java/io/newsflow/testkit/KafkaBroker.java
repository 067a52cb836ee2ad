package io.newsflow.testkit;

/**
 * A running Kafka broker that tests and the dev stack can point clients at: the in-process
 * {@link EmbeddedKafkaBroker} or, where Docker exists, a Testcontainers broker.
 */
public interface KafkaBroker extends AutoCloseable {

    KafkaBroker start();

    String bootstrapServers();

    @Override
    void close();
}
