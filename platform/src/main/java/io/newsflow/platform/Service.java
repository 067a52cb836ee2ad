package io.newsflow.platform;

/**
 * A Newsflow service: started once, closed once. {@code start()} returns when the service can do its job
 * (Streams RUNNING, HTTP listening); {@code close()} stops HTTP first, then Kafka clients.
 */
public interface Service extends AutoCloseable {

    String name();

    void start();

    @Override
    void close();

    /** Runs a service as a process's main job: starts it and closes it when the JVM shuts down. */
    static void runUntilShutdown(Service service) {
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, service.name() + "-shutdown"));
        service.start();
    }
}
