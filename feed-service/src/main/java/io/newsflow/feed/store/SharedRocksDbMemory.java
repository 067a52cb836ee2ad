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
 * Gives every feed store of the process one shared RocksDB block cache instead of Kafka Streams' 50 MiB cache per
 * store.
 *
 * <p>feed-service has 4 RocksDB stores per input partition, so 3 partitions and their standbys open 12 to 24
 * RocksDB instances. With a cache each, the hot data of the busiest store (the timeline, which an entity page reads 50
 * times per request) gets 50 MiB however idle the others are, while the process may hold up to 1.2 GiB of cache in
 * total. One shared cache gives the hot store what the others do not use, and bounds the total.
 *
 * <p>Index and filter blocks are charged to the same cache, so the bound holds as stores grow. The cache lives as
 * long as the process: RocksDB instances come and go with rebalances, and each holds a reference while open.
 * {@link #install} makes it Kafka Streams' {@code rocksdb.config.setter} unless {@link #BLOCK_CACHE_BYTES_CONFIG} is 0.
 */
public final class SharedRocksDbMemory implements RocksDBConfigSetter {

    /** Bytes of the block cache all feed stores share; 0 keeps Kafka Streams' cache per store. */
    public static final String BLOCK_CACHE_BYTES_CONFIG = "feed.rocksdb.block.cache.bytes";

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
     * Adds this setter and its cache size to Kafka Streams properties, unless the settings ask for Streams' own
     * cache per store ({@link #BLOCK_CACHE_BYTES_CONFIG} = 0).
     */
    public static void install(Properties streamsProperties, Settings settings) {
        long bytes = Long.parseLong(settings.string(BLOCK_CACHE_BYTES_CONFIG));
        if (bytes > 0) {
            streamsProperties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, SharedRocksDbMemory.class);
            streamsProperties.put(BLOCK_CACHE_BYTES_CONFIG, bytes);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = Long.parseLong(String.valueOf(configs.get(BLOCK_CACHE_BYTES_CONFIG)));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache(bytes));
        table.setCacheIndexAndFilterBlocks(true);
        // Level-0 index and filter blocks are read on every lookup; keeping them pinned avoids re-reading them.
        table.setPinL0FilterAndIndexBlocksInCache(true);
        options.setTableFormatConfig(table);
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
