package io.newsflow.ingest;

import java.time.Clock;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.ingest.http.IngestRoutes;
import io.newsflow.platform.Service;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.http.HttpServer;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.metrics.Metrics;

/**
 * ingest-service: accepts stories over HTTP, validates them and publishes {@code ArticlePublished}
 * events to {@code articles.published}.
 */
public final class IngestApp implements Service {

    private final Settings settings;
    private ArticlePublisher publisher;
    private HttpServer http;

    public IngestApp(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Service.runUntilShutdown(new IngestApp(IngestConfig.load(Map.of())));
    }

    @Override
    public String name() {
        return "ingest-service";
    }

    @Override
    public void start() {
        TopicProvisioner.ensureAll(settings);
        PrometheusMeterRegistry metrics = Metrics.forService(name());
        publisher = new ArticlePublisher(settings);
        var routes = new IngestRoutes(Json.mapper(), new ArticleValidator(Clock.systemUTC()), publisher);
        http = HttpServer.start(name(), settings, metrics, () -> true, routes::register);
    }

    /** The port the HTTP API listens on (useful when configured as 0). */
    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        if (publisher != null) {
            publisher.close();
        }
    }
}
