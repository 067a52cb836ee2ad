package io.newsflow.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.ingest.auth.ApiKeys;
import io.newsflow.ingest.auth.KeyRegistry;
import io.newsflow.ingest.editorial.EditorialWriter;
import io.newsflow.ingest.formats.rawpage.RawPageParser;
import io.newsflow.ingest.formats.rawpage.SiteZones;
import io.newsflow.ingest.http.ArticleRoutes;
import io.newsflow.ingest.http.Authenticator;
import io.newsflow.ingest.http.DictionaryEditRoutes;
import io.newsflow.ingest.http.KeyRoutes;
import io.newsflow.ingest.http.SubmissionReader;
import io.newsflow.platform.Service;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.health.BrokerHealth;
import io.newsflow.platform.health.HealthCheck;
import io.newsflow.platform.http.HttpServer;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.kafka.TopicProvisioner;
import io.newsflow.platform.metrics.Metrics;
import io.newsflow.platform.metrics.PipelineMetrics;
import io.newsflow.platform.ninjs.NinjsReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ingest-service: accepts stories over HTTP in native JSON, ninjs or as raw pages, applies the editorial
 * rules of the story ledger, and publishes {@code ArticlePublished} versions to {@code articles.published}.
 */
public final class IngestApp implements Service {

    private static final Logger log = LoggerFactory.getLogger(IngestApp.class);

    private final Settings settings;
    private EditorialWriter writer;
    private KeyRegistry keyRegistry;
    private DictionaryEditRoutes dictionaryRoutes;
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
        writer = new EditorialWriter(settings, Clock.systemUTC(), PipelineMetrics.on(metrics));
        writer.start();
        ApiKeys keys = apiKeys();
        keyRegistry = new KeyRegistry(settings, keys, Clock.systemUTC());
        keyRegistry.start();
        Authenticator authenticator = new Authenticator(settings.flag(IngestConfig.AUTH_ENABLED_CONFIG), keys);
        if (!authenticator.enabled()) {
            log.warn("*** AUTHENTICATION IS OFF: anyone who can reach http://{}:{} may publish, update and kill stories. "
                + "Set auth.enabled=true for anything but local development. ***",
                settings.string(io.newsflow.platform.config.CommonConfig.HTTP_HOST_CONFIG),
                settings.string(io.newsflow.platform.config.CommonConfig.HTTP_PORT_CONFIG));
        }
        var reader = new SubmissionReader(Json.mapper(), new NinjsReader(), new RawPageParser(siteZones()));
        var routes = new ArticleRoutes(Json.mapper(), reader, new ArticleValidator(Clock.systemUTC()), writer, authenticator,
            settings.integer(IngestConfig.MAX_BODY_BYTES_CONFIG), settings.integer(IngestConfig.MAX_BATCH_BYTES_CONFIG));
        var keyRoutes = new KeyRoutes(keyRegistry, authenticator);
        dictionaryRoutes = new DictionaryEditRoutes(settings, authenticator, Clock.systemUTC());
        // Ready while the story writer is alive and Kafka answers; the broker check closes with the server.
        var readiness = List.of(HealthCheck.of("editorial-writer", writer::isHealthy,
            "the story writer has stopped (fenced by another instance, or shutting down)"), BrokerHealth.start(settings));
        http = HttpServer.start(name(), settings, metrics, readiness, r -> {
            routes.register(r);
            keyRoutes.register(r);
            dictionaryRoutes.register(r);
        });
    }

    private ApiKeys apiKeys() {
        ApiKeys keys = ApiKeys.parse(settings.optional(IngestConfig.AUTH_KEYS_CONFIG).orElse(""));
        settings.optional(IngestConfig.AUTH_KEYS_FILE_CONFIG)
            .ifPresent(file -> ApiKeys.fromFile(Path.of(file)).all().forEach(keys::put));
        log.info("{} API keys configured (ids only are logged: {})", keys.all().size(),
            keys.all().stream().map(k -> k.keyId() + "@" + k.desk()).toList());
        return keys;
    }

    private SiteZones siteZones() {
        Map<String, ZoneId> zones = new HashMap<>();
        for (String entry : settings.optional(IngestConfig.SITE_TIME_ZONES_CONFIG).orElse("").split(";")) {
            int eq = entry.lastIndexOf('=');
            if (eq > 0) {
                zones.put(entry.substring(0, eq).trim(), ZoneId.of(entry.substring(eq + 1).trim()));
            }
        }
        SiteZones defaults = SiteZones.defaults();
        Map<String, ZoneId> all = new HashMap<>(defaults.bySite());
        all.putAll(zones);
        return new SiteZones(all, defaults.fallback());
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
        if (writer != null) {
            writer.close();
        }
        if (keyRegistry != null) {
            keyRegistry.close();
        }
        if (dictionaryRoutes != null) {
            dictionaryRoutes.close();
        }
    }
}
