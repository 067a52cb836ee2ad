package io.newsflow.feed;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.feed.http.FeedRoutes;
import io.newsflow.feed.live.LiveFeed;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.ninjs.NinjsWriter;
import io.newsflow.feed.store.FeedQueries;
import io.newsflow.platform.Service;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.http.HttpServer;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.metrics.Metrics;
import io.newsflow.platform.streams.StreamsRunner;
import io.newsflow.platform.streams.StreamsSettings;

/**
 * feed-service: a Kafka Streams app that materializes the latest-news stores and serves them over HTTP.
 */
public final class FeedApp implements Service {

    private final Settings settings;
    private StreamsRunner streams;
    private HttpServer http;

    public FeedApp(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Service.runUntilShutdown(new FeedApp(FeedConfig.load(Map.of())));
    }

    @Override
    public String name() {
        return "feed-service";
    }

    @Override
    public void start() {
        TopicProvisioner.ensureAll(settings);
        PrometheusMeterRegistry metrics = Metrics.forService(name());
        LiveFeed live = new LiveFeed();
        var topology = FeedTopology.build(CommonConfig.serdeConfigs(settings), live);
        streams = new StreamsRunner(name(), topology,
            StreamsSettings.from(settings, settings.string(FeedConfig.APPLICATION_ID_CONFIG)));
        streams.start(Duration.ofSeconds(60), metrics);
        var routes = new FeedRoutes(new FeedQueries(streams.streams()), live, new NinjsWriter(Json.mapper()),
            Clock.systemUTC(), streams::isRunning);
        http = HttpServer.start(name(), settings, metrics, streams::isRunning, routes::register);
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        if (streams != null) {
            streams.close();
        }
    }
}
