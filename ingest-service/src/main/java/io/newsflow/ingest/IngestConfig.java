package io.newsflow.ingest;

import java.util.Map;

import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;

/** ingest-service settings; shared ones are in {@link CommonConfig}. */
public final class IngestConfig {

    /** How long a publish may wait for the broker's acknowledgement before the request fails with 503. */
    public static final String PUBLISH_TIMEOUT_MS_CONFIG = "ingest.publish.timeout.ms";

    /**
     * Transactional id of the story writer. Instances sharing it fence each other, which keeps a single
     * writer per deployment; give separate deployments on one cluster separate ids.
     */
    public static final String TRANSACTIONAL_ID_CONFIG = "ingest.transactional.id";
    /** Largest request body accepted, in bytes (a batch may be up to {@link #MAX_BATCH_BYTES_CONFIG}). */
    public static final String MAX_BODY_BYTES_CONFIG = "ingest.max.body.bytes";
    /** Largest NDJSON batch body accepted, in bytes. */
    public static final String MAX_BATCH_BYTES_CONFIG = "ingest.max.batch.bytes";
    /** Whether requests must carry an editor's API key. On by default; the dev stack turns it off unless configured. */
    public static final String AUTH_ENABLED_CONFIG = "auth.enabled";
    /** File of API keys, one {@code keyId desk role,role sha256} per line. */
    public static final String AUTH_KEYS_FILE_CONFIG = "auth.keys.file";
    /** API keys inline, {@code ;}-separated, same format as the file (for the environment: NEWSFLOW_AUTH_KEYS). */
    public static final String AUTH_KEYS_CONFIG = "auth.keys";
    /** Time zones of raw-page sites, {@code Site name=Zone/Id;Other site=Zone/Id}; others use Europe/Kyiv. */
    public static final String SITE_TIME_ZONES_CONFIG = "ingest.site.time.zones";

    public static final Map<String, String> DEFAULTS = CommonConfig.defaultsWith(Map.of(
        CommonConfig.HTTP_PORT_CONFIG, "8082",
        PUBLISH_TIMEOUT_MS_CONFIG, "10000",
        TRANSACTIONAL_ID_CONFIG, "newsflow-ingest",
        MAX_BODY_BYTES_CONFIG, String.valueOf(1024 * 1024),
        MAX_BATCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024),
        AUTH_ENABLED_CONFIG, "true",
        AUTH_KEYS_CONFIG, "",
        SITE_TIME_ZONES_CONFIG, "",
        CommonConfig.HTTP_MAX_REQUEST_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024)));

    private IngestConfig() {
    }

    public static Settings load(Map<String, String> overrides) {
        return Settings.load(DEFAULTS, overrides);
    }
}
