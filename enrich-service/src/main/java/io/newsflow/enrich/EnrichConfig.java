package io.newsflow.enrich;

import java.util.Map;

import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.streams.StreamsSettings;

/** enrich-service settings; shared ones are in {@link CommonConfig}. */
public final class EnrichConfig {

    /** Kafka Streams application id; also the consumer group operators see lag for. */
    public static final String APPLICATION_ID_CONFIG = "application.id";
    /**
     * How long start-up waits for Kafka Streams to be RUNNING. Restoring the newest-version store of a few million
     * stories from its changelog takes minutes, so Kafka Streams' own start is no measure of a healthy start.
     */
    public static final String STARTUP_TIMEOUT_MS_CONFIG = "enrich.startup.timeout.ms";

    public static final Map<String, String> DEFAULTS = CommonConfig.defaultsWith(Map.of(
        APPLICATION_ID_CONFIG, "newsflow-enrich",
        STARTUP_TIMEOUT_MS_CONFIG, "900000",
        CommonConfig.HTTP_PORT_CONFIG, "8084",
        StreamsSettings.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2",
        StreamsSettings.COMMIT_INTERVAL_MS_CONFIG, "100"));

    private EnrichConfig() {
    }

    public static Settings load(Map<String, String> overrides) {
        return Settings.load(DEFAULTS, overrides);
    }
}
