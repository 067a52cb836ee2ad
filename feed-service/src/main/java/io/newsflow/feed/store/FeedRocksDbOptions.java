package io.newsflow.feed.store;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import io.newsflow.platform.config.Settings;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;

/**
 * feed-service's RocksDB options: one block cache shared by every feed store, and a larger compaction trigger.
 *
 * <p><b>One block cache</b> instead of Kafka Streams' 50 MiB cache per store.
 *
 * <p>feed-service has 5 stores per input partition, so 3 partitions and their standbys open 15 to 30 RocksDB
 * instances. With a cache each, the hot data of the busiest store (the timeline, which an entity page reads 50
 * times per request) gets 50 MiB however idle the others are, while the process may hold up to 1.5 GiB of cache in
 * total. One shared cache gives the hot store what the others do not use, and bounds the total.
 *
 * <p>Index and filter blocks are charged to the same cache, so the bound holds as stores grow. The cache lives as
 * long as the process: RocksDB instances come and go with rebalances, and each holds a reference while open.
 *
 * <p><b>Compaction after 16 level-0 files</b> instead of RocksDB's 4. Kafka Streams' stores use universal
 * compaction, which merges the level-0 files once that many have piled up. A restore writes 13.5 M entries for
 * 1 M stories, so with 4 the process spent about a core merging files while the restoring thread waited for CPU
 * on this 2-core machine: 57 s to ready, against 44 s with 16 and 40 s with no compaction at all
 * (docs/benchmarks.md). Reads look in at most 16 level-0 files then, each behind its bloom filter for point
 * lookups, and the work is deferred, not avoided: each compaction merges more at once.
 *
 * {@link #install} makes it Kafka Streams' {@code rocksdb.config.setter} unless both settings are 0.
 */
public final class FeedRocksDbOptions implements RocksDBConfigSetter {

    /** Bytes of the block cache all feed stores share; 0 keeps Kafka Streams' cache per store. */
    public static final String BLOCK_CACHE_BYTES_CONFIG = "feed.rocksdb.block.cache.bytes";
    /** Level-0 files that start a compaction; 0 keeps RocksDB's default (4). */
    public static final String COMPACTION_TRIGGER_FILES_CONFIG = "feed.rocksdb.compaction.trigger.files";

    private static Cache cache;
    private static final AtomicInteger STORES_CONFIGURED = new AtomicInteger();

    private static synchronized Cache cache(long bytes) {
        if (cache == null) {
            // strict capacity limit off: a full cache evicts rather than failing reads
            cache = new LRUCache(bytes, -1, false);
        }
        return cache;
    }

    /**
     * Adds this setter, its cache size and its compaction trigger to Kafka Streams properties, unless the settings
     * ask for Kafka Streams' and RocksDB's own defaults (both 0).
     */
    public static void install(Properties streamsProperties, Settings settings) {
        long bytes = Long.parseLong(settings.string(BLOCK_CACHE_BYTES_CONFIG));
        int trigger = settings.integer(COMPACTION_TRIGGER_FILES_CONFIG);
        if (bytes > 0 || trigger > 0) {
            streamsProperties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, FeedRocksDbOptions.class);
            streamsProperties.put(BLOCK_CACHE_BYTES_CONFIG, bytes);
            streamsProperties.put(COMPACTION_TRIGGER_FILES_CONFIG, trigger);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = Long.parseLong(String.valueOf(configs.get(BLOCK_CACHE_BYTES_CONFIG)));
        if (bytes > 0) {
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            table.setBlockCache(cache(bytes));
            table.setCacheIndexAndFilterBlocks(true);
            // Level-0 index and filter blocks are read on every lookup; keeping them pinned avoids re-reading them.
            table.setPinL0FilterAndIndexBlocksInCache(true);
            options.setTableFormatConfig(table);
        }
        int trigger = Integer.parseInt(String.valueOf(configs.get(COMPACTION_TRIGGER_FILES_CONFIG)));
        if (trigger > 0) {
            options.setLevel0FileNumCompactionTrigger(trigger);
        }
        STORES_CONFIGURED.incrementAndGet();
    }

    /** How many RocksDB instances this process has opened on the shared cache so far. */
    public static int storesConfigured() {
        return STORES_CONFIGURED.get();
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache is shared with the process's other stores and outlives this one.
    }
}
