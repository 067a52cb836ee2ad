package io.newsflow.feed;

import java.util.Map;

import io.newsflow.feed.http.LiveStreams;
import io.newsflow.feed.http.PageCache;
import io.newsflow.feed.store.FeedQueries;
import io.newsflow.feed.store.FeedRetention;
import io.newsflow.feed.store.SharedRocksDbMemory;
import io.newsflow.feed.store.TimelineItemCache;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.streams.StreamsSettings;

/** feed-service settings; shared ones are in {@link CommonConfig}. */
public final class FeedConfig {

    /** Kafka Streams application id; also names the changelog topics of the feed stores. */
    public static final String APPLICATION_ID_CONFIG = "application.id";

    /** Host name other feed instances use to reach this one ({@code application.server}); defaults to http.host. */
    public static final String ADVERTISED_HOST_CONFIG = "feed.advertised.host";
    /** How long {@code GET /articles/{id}?minVersion=N} waits for that version before answering 503. */
    public static final String READ_YOUR_WRITES_TIMEOUT_MS_CONFIG = "feed.read.your.writes.timeout.ms";
    /**
     * How long start-up waits for the stores to be restored and Kafka Streams to be RUNNING. Restoring a large
     * store from its changelog (a new disk, a lost state directory) took 18–45 s for 1 M stories on 2 cores
     * (docs/benchmarks.md, runs H–K), and longer on a busy machine. HTTP is up meanwhile and answers 503 with
     * Retry-After.
     */
    public static final String STARTUP_TIMEOUT_MS_CONFIG = "feed.startup.timeout.ms";
    /** Warm copies of each store on other instances, so a failed instance's partitions resume quickly. */
    public static final String STANDBY_REPLICAS_CONFIG = "num.standby.replicas";

    /** Consumer groups the lag page ({@code /ops/lag}) watches; the service exports metrics only for its own. */
    public static final String OPS_LAG_GROUPS_CONFIG = "ops.lag.groups";

    public static final Map<String, String> DEFAULTS = CommonConfig.defaultsWith(Map.ofEntries(
        Map.entry(OPS_LAG_GROUPS_CONFIG, "newsflow-enrich,newsflow-feed"),
        Map.entry(READ_YOUR_WRITES_TIMEOUT_MS_CONFIG, "5000"),
        // A few milliseconds of RocksDB reads and Avro decoding per instance and page at most.
        Map.entry(FeedQueries.SCAN_BUDGET_CONFIG, "5000"),
        Map.entry(STARTUP_TIMEOUT_MS_CONFIG, "900000"),
        // Restore from the changelogs in batches of 10,000 records instead of Streams' 1,000: with 1 M stories
        // a full restore took 89 s instead of 139 s (docs/benchmarks.md, "Feed query layer vs Redis").
        Map.entry(CommonConfig.KAFKA_CLIENT_PREFIX + "restore.consumer.max.poll.records", "10000"),
        // ...and let one fetch carry such a batch: at the consumer's 1 MiB per partition a fetch holds only about
        // 600 stories of the articles changelog.
        Map.entry(CommonConfig.KAFKA_CLIENT_PREFIX + "restore.consumer.max.partition.fetch.bytes", String.valueOf(16 << 20)),
        Map.entry(CommonConfig.KAFKA_CLIENT_PREFIX + "restore.consumer.fetch.max.bytes", String.valueOf(64 << 20)),
        Map.entry(STANDBY_REPLICAS_CONFIG, "1"),
        // One block cache for all stores (SharedRocksDbMemory); Streams' default is 50 MiB per store, 15+ stores here.
        Map.entry(SharedRocksDbMemory.BLOCK_CACHE_BYTES_CONFIG, String.valueOf(512L << 20)),
        // About 30 MB of heap at the usual 600 bytes per item: the newest stories of the busiest filters.
        Map.entry(TimelineItemCache.ENTRIES_CONFIG, "50000"),
        // Rendered pages of this instance's feed until its next write: about a thousand 28 KB pages.
        Map.entry(PageCache.BYTES_CONFIG, String.valueOf(32 << 20)),
        // Streams hold no thread (LiveStreams), only a socket and a queue of at most 1,000 shared events each.
        Map.entry(LiveStreams.MAX_CLIENTS_CONFIG, "10000"),
        Map.entry(LiveStreams.HEARTBEAT_MS_CONFIG, "15000"),
        Map.entry(LiveStreams.STALL_TIMEOUT_MS_CONFIG, "120000"),
        // Keep every story by default: the bundled sample and the benchmark's stories are from October 2024, and a
        // deployment picks its own limits (docs/ARCHITECTURE.md, "feed-service").
        Map.entry(FeedRetention.DAYS_CONFIG, "0"),
        Map.entry(FeedRetention.STORIES_PER_PARTITION_CONFIG, "0"),
        Map.entry(APPLICATION_ID_CONFIG, "newsflow-feed"),
        Map.entry(CommonConfig.HTTP_PORT_CONFIG, "8083"),
        Map.entry(StreamsSettings.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2"),
        Map.entry(StreamsSettings.COMMIT_INTERVAL_MS_CONFIG, "100")));

    private FeedConfig() {
    }

    public static Settings load(Map<String, String> overrides) {
        return Settings.load(DEFAULTS, overrides);
    }
}
