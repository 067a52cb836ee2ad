package io.newsflow.feed.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.apache.kafka.common.utils.Bytes;

/**
 * Feed items of the timeline kept on the heap, by timeline key, for the filtered pages. A page of the index
 * (an entity, a tag) finds its stories in index order and must look each item up in the timeline: 50 point
 * reads per page. Kafka Streams' RocksDB store serialises every read of a store on one lock, so under load
 * request threads queue on it, and a thread descheduled while holding it stalls the rest: that, not RocksDB,
 * made the entity page slower than the plain timeline (docs/benchmarks.md). The items that pages keep asking
 * for, the newest stories of busy entities and tags, are served from here instead.
 *
 * <p>The cache never answers with an item the store no longer holds:
 *
 * <ul>
 *   <li>The feed indexer reports every write to a timeline key ({@link #changed}), which drops the key and
 *       advances a write count. A reader fills the cache only with a value it read from the store while no
 *       write and no {@code generation} change happened; if one happened while it was reading, it drops what
 *       it put. So a value read before a write can never outlive that write here.
 *   <li>The {@code generation} advances whenever the local Kafka Streams client changes state or starts or
 *       ends restoring: when stores may be rebuilt from their changelogs, or a standby, which writes without the
 *       indexer, becomes active. The whole cache is dropped then.
 * </ul>
 *
 * Reads see what the store holds, no more: under exactly-once, as for every interactive query, that includes
 * writes of the transaction in progress.
 */
public final class TimelineItemCache implements TimelineWrites {

    /** Entries kept at most; 0 turns the cache off. */
    public static final String ENTRIES_CONFIG = "feed.item.cache.entries";

    /** Null when the cache is off. */
    private final Cache<Bytes, String> items;
    private final LongSupplier generation;
    private final AtomicLong writes = new AtomicLong();
    private volatile long generationSeen = Long.MIN_VALUE;

    private TimelineItemCache(Cache<Bytes, String> items, LongSupplier generation) {
        this.items = items;
        this.generation = generation;
    }

    /** A cache of at most {@code maxEntries} items (none when 0), with hit and miss counts in {@code metrics}. */
    public static TimelineItemCache create(long maxEntries, LongSupplier generation, MeterRegistry metrics) {
        if (maxEntries <= 0) {
            return new TimelineItemCache(null, generation);
        }
        Cache<Bytes, String> items = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().build();
        CaffeineCacheMetrics.monitor(metrics, items, "feed-items");
        return new TimelineItemCache(items, generation);
    }

    /** The item at {@code timelineKey}, from the cache or else from {@code store} (null when the store has none). */
    public String get(Bytes timelineKey, Function<Bytes, String> store) {
        if (items == null) {
            return store.apply(timelineKey);
        }
        long generationNow = generation.getAsLong();
        if (generationNow != generationSeen) {
            items.invalidateAll();
            generationSeen = generationNow;
        }
        String cached = items.getIfPresent(timelineKey);
        if (cached != null) {
            return cached;
        }
        long writesBefore = writes.get();
        String stored = store.apply(timelineKey);
        if (stored == null) {
            return null;
        }
        items.put(timelineKey, stored);
        if (writes.get() != writesBefore || generation.getAsLong() != generationNow) {
            // A write or a state change may have come between the read and the put: what was read may be stale.
            items.invalidate(timelineKey);
        }
        return stored;
    }

    @Override
    public void changed(Bytes timelineKey) {
        if (items == null) {
            return;
        }
        writes.incrementAndGet();
        items.invalidate(timelineKey);
    }

    /** Items held now; for tests and diagnostics. */
    long size() {
        if (items == null) {
            return 0;
        }
        items.cleanUp();
        return items.estimatedSize();
    }
}
