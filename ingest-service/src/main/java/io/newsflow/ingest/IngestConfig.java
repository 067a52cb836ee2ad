package io.newsflow.ingest;

import java.util.Map;

import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;

/** ingest-service settings; shared ones are in {@link CommonConfig}. */
public final class IngestConfig {

    /** How long a publish may wait for the broker's acknowledgement before the request fails with 503. */
    public static final String PUBLISH_TIMEOUT_MS_CONFIG = "ingest.publish.timeout.ms";

    public static final Map<String, String> DEFAULTS = CommonConfig.defaultsWith(Map.of(
        CommonConfig.HTTP_PORT_CONFIG, "8082",
        PUBLISH_TIMEOUT_MS_CONFIG, "10000"));

    private IngestConfig() {
    }

    public static Settings load(Map<String, String> overrides) {
        return Settings.load(DEFAULTS, overrides);
    }
}
