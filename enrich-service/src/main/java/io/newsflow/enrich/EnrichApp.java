package io.newsflow.enrich;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.enrich.dictionary.LiveDictionary;
import io.newsflow.enrich.dictionary.Replayer;
import io.newsflow.enrich.http.DictionaryRoutes;
import io.newsflow.linking.Dictionary;
import io.newsflow.platform.Service;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.health.BrokerHealth;
import io.newsflow.platform.health.HealthCheck;
import io.newsflow.platform.http.HttpServer;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.lag.ConsumerLagMonitor;
import io.newsflow.platform.metrics.Metrics;
import io.newsflow.platform.metrics.PipelineMetrics;
import io.newsflow.platform.streams.DeadLetterRouter;
import io.newsflow.platform.streams.StreamsRunner;
import io.newsflow.platform.streams.StreamsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * enrich-service: a Kafka Streams app that links entities and tags in every published story version.
 * Its HTTP port serves health and metrics only.
 */
public final class EnrichApp implements Service {

    private static final Logger log = LoggerFactory.getLogger(EnrichApp.class);

    private final Settings settings;
    private LiveDictionary dictionary;
    private Replayer replayer;
    private StreamsRunner streams;
    private HttpServer http;
    private ConsumerLagMonitor lag;

    public EnrichApp(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Service.runUntilShutdown(new EnrichApp(EnrichConfig.load(Map.of())));
    }

    @Override
    public String name() {
        return "enrich-service";
    }

    @Override
    public void start() {
        TopicProvisioner.ensureAll(settings);
        Dictionary shipped = Dictionary.loadDefault();
        log.info("{}: dictionary of {} entries loaded", name(), shipped.size());
        replayer = new Replayer(settings, Clock.systemUTC());
        dictionary = new LiveDictionary(shipped, Clock.systemUTC(), replayer::replayLast);
        var enricher = new ArticleEnricher(dictionary::linker, Clock.systemUTC());
        PrometheusMeterRegistry metrics = Metrics.forService(name());
        DeadLetterRouter.registerCounters(metrics, name());
        var topology = EnrichTopology.build(enricher, dictionary, CommonConfig.serdeConfigs(settings),
            PipelineMetrics.on(metrics));
        streams = new StreamsRunner(name(), topology,
            StreamsSettings.from(settings, settings.string(EnrichConfig.APPLICATION_ID_CONFIG), metrics));
        streams.start(Duration.ofMillis(settings.integer(EnrichConfig.STARTUP_TIMEOUT_MS_CONFIG)), metrics);
        String group = settings.string(EnrichConfig.APPLICATION_ID_CONFIG);
        lag = new ConsumerLagMonitor(settings.string(CommonConfig.BOOTSTRAP_SERVERS_CONFIG), List.of(group),
            Duration.ofMillis(settings.integer(CommonConfig.LAG_SAMPLE_INTERVAL_MS_CONFIG)), Duration.ofMinutes(5),
            Clock.systemUTC())
            .exportTo(metrics, Set.of(group))
            .start();
        var routes = new DictionaryRoutes(dictionary, Json.mapper());
        // Ready while Streams is RUNNING (stores restored) and Kafka answers; the broker check closes with the server.
        var readiness = List.of(HealthCheck.of("streams", streams::isRunning, "Kafka Streams is not RUNNING (restoring or rebalancing)"),
            BrokerHealth.start(settings));
        http = HttpServer.start(name(), settings, metrics, readiness, routes::register);
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
        if (replayer != null) {
            replayer.close();
        }
        if (dictionary != null) {
            dictionary.close();
        }
        if (lag != null) {
            lag.close();
        }
    }
}
