package io.newsflow.feed;

import java.util.Map;

import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.streams.StreamsSettings;

/** feed-service settings; shared ones are in {@link CommonConfig}. */
public final class FeedConfig {

    /** Kafka Streams application id; also names the changelog topics of the feed stores. */
    public static final String APPLICATION_ID_CONFIG = "application.id";

    public static final Map<String, String> DEFAULTS = CommonConfig.defaultsWith(Map.of(
        APPLICATION_ID_CONFIG, "newsflow-feed",
        CommonConfig.HTTP_PORT_CONFIG, "8083",
        StreamsSettings.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2",
        StreamsSettings.COMMIT_INTERVAL_MS_CONFIG, "100"));

    private FeedConfig() {
    }

    public static Settings load(Map<String, String> overrides) {
        return Settings.load(DEFAULTS, overrides);
    }
}
