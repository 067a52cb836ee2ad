package io.newsflow.feed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The heap copy of timeline items never answers with an item the store no longer holds. */
class TimelineItemCacheTest {

    private static final Bytes KURSK = new TimelineKey(Instant.parse("2024-10-21T09:15:00Z"), "kursk-troops").toBytes();
    private static final Bytes AUSTIN = new TimelineKey(Instant.parse("2024-10-21T08:40:00Z"), "austin-kyiv").toBytes();

    private final Map<Bytes, String> store = new HashMap<>();
    private final AtomicInteger storeReads = new AtomicInteger();
    private final Function<Bytes, String> reader = key -> {
        storeReads.incrementAndGet();
        return store.get(key);
    };
    private final AtomicLong generation = new AtomicLong();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final TimelineItemCache cache = TimelineItemCache.create(100, generation::get, metrics);

    @Test
    void servesAnItemFromTheHeapOnceReadAndCountsHitsAndMisses() {
        store.put(KURSK, "{\"id\":\"kursk-troops\",\"version\":1}");

        assertThat(cache.get(KURSK, reader)).isEqualTo("{\"id\":\"kursk-troops\",\"version\":1}");
        assertThat(cache.get(KURSK, reader)).isEqualTo("{\"id\":\"kursk-troops\",\"version\":1}");

        assertThat(storeReads).hasValue(1);
        assertThat(metrics.get("cache.gets").tag("cache", "feed-items").tag("result", "hit").functionCounter().count()).isEqualTo(1.0);
        assertThat(metrics.get("cache.gets").tag("cache", "feed-items").tag("result", "miss").functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void aWriteToTheTimelineDropsTheItem() {
        store.put(KURSK, "{\"version\":1}");
        cache.get(KURSK, reader);

        store.put(KURSK, "{\"version\":2}");
        cache.changed(KURSK);

        assertThat(cache.get(KURSK, reader)).isEqualTo("{\"version\":2}");
        store.remove(KURSK);
        cache.changed(KURSK);
        assertThat(cache.get(KURSK, reader)).isNull();
    }

    @Test
    void aValueReadWhileTheIndexerWroteIsNotKept() {
        store.put(KURSK, "{\"version\":1}");
        // The store answers with version 1, and before the cache can keep it the indexer writes version 2.
        Function<Bytes, String> racingReader = key -> {
            String old = store.get(key);
            store.put(KURSK, "{\"version\":2}");
            cache.changed(KURSK);
            return old;
        };

        assertThat(cache.get(KURSK, racingReader)).isEqualTo("{\"version\":1}");

        assertThat(cache.get(KURSK, reader)).isEqualTo("{\"version\":2}");
    }

    @Test
    void aStateChangeOfKafkaStreamsDropsEveryItem() {
        store.put(KURSK, "{\"version\":1}");
        store.put(AUSTIN, "{\"version\":1}");
        cache.get(KURSK, reader);
        cache.get(AUSTIN, reader);
        assertThat(cache.size()).isEqualTo(2);

        // Restored from the changelog, where (say) the transaction that wrote version 1 had aborted.
        store.put(KURSK, "{\"version\":0}");
        generation.incrementAndGet();

        assertThat(cache.get(KURSK, reader)).isEqualTo("{\"version\":0}");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aStoreWithoutTheKeyLeavesNothingBehind() {
        assertThat(cache.get(KURSK, reader)).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void withNoEntriesAllowedEveryReadGoesToTheStore() {
        TimelineItemCache off = TimelineItemCache.create(0, generation::get, metrics);
        store.put(KURSK, "{\"version\":1}");

        off.get(KURSK, reader);
        off.get(KURSK, reader);

        assertThat(storeReads).hasValue(2);
        assertThat(off.size()).isZero();
    }
}
