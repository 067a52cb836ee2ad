package io.newsflow.ingest;

import java.time.Clock;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.ingest.http.IngestRoutes;
import io.newsflow.platform.Service;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.http.HttpServer;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.kafka.Topics;
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
        IngestApp app = new IngestApp(IngestConfig.load(Map.of()));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "ingest-shutdown"));
        app.start();
    }

    @Override
    public String name() {
        return "ingest-service";
    }

    @Override
    public void start() {
        TopicProvisioner.ensure(settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG), Topics.all(),
            settings.integer(CommonConfig.TOPIC_PARTITIONS_CONFIG), (short) settings.integer(CommonConfig.TOPIC_REPLICATION_FACTOR_CONFIG));
        PrometheusMeterRegistry metrics = Metrics.forService(name());
        publisher = new ArticlePublisher(settings);
        var routes = new IngestRoutes(Json.mapper(), new ArticleValidator(Clock.systemUTC()), publisher);
        http = HttpServer.start(name(), settings.string(CommonConfig.HTTP_HOST_CONFIG), settings.integer(CommonConfig.HTTP_PORT_CONFIG),
            Json.mapper(), metrics, () -> true, routes::register);
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
