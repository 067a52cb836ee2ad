package io.newsflow.feed.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.feed.store.TimelineKey;
import io.newsflow.platform.http.EntityTags;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** A kept page is served only for the exact feed state it was rendered from. */
class PageCacheTest {

    private static final Bytes KURSK = new TimelineKey(Instant.parse("2024-10-21T09:15:00Z"), "kursk-troops").toBytes();
    private static final String LATEST = "feed?&limit=50";

    /** What the stores would render now. */
    private final AtomicReference<String> feed = new AtomicReference<>("{\"items\":[\"v1\"],\"next\":null}");
    private final AtomicInteger renders = new AtomicInteger();
    private final Supplier<byte[]> render = () -> {
        renders.incrementAndGet();
        return feed.get().getBytes(UTF_8);
    };
    private final AtomicLong generation = new AtomicLong();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final PageCache cache = PageCache.create(1 << 20, generation::get, metrics);

    @Test
    void servesTheSamePageUntilTheFeedChangesWithItsEntityTag() {
        PageCache.Page first = cache.get(LATEST, render);
        PageCache.Page second = cache.get(LATEST, render);

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.etag()).isEqualTo(EntityTags.of(feed.get()));
        assertThat(renders).hasValue(1);
        assertThat(metrics.get("cache.gets").tag("cache", "feed-pages").tag("result", "hit").functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void anyWriteToTheFeedMakesEveryKeptPageStale() {
        cache.get(LATEST, render);
        cache.get("feed?entity=Q423&limit=50", render);

        feed.set("{\"items\":[\"v2\"],\"next\":null}");
        cache.changed(KURSK);

        assertThat(new String(cache.get(LATEST, render).body(), UTF_8)).contains("v2");
        assertThat(new String(cache.get("feed?entity=Q423&limit=50", render).body(), UTF_8)).contains("v2");
        assertThat(renders).hasValue(4);
    }

    @Test
    void aPageRenderedWhileTheIndexerWroteIsServedOnceAndNotKept() {
        // The stores are read for version 1, and before the page is done the indexer writes version 2.
        Supplier<byte[]> racingRender = () -> {
            byte[] old = render.get();
            feed.set("{\"items\":[\"v2\"],\"next\":null}");
            cache.changed(KURSK);
            return old;
        };

        assertThat(new String(cache.get(LATEST, racingRender).body(), UTF_8)).contains("v1");

        assertThat(new String(cache.get(LATEST, render).body(), UTF_8)).contains("v2");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aStateChangeOfKafkaStreamsMakesKeptPagesStale() {
        cache.get(LATEST, render);

        // Restored from the changelog, where the transaction that wrote version 1 had aborted.
        feed.set("{\"items\":[],\"next\":null}");
        generation.incrementAndGet();

        assertThat(new String(cache.get(LATEST, render).body(), UTF_8)).isEqualTo("{\"items\":[],\"next\":null}");
        assertThat(renders).hasValue(2);
    }

    @Test
    void pagesAreKeptApartByKey() {
        cache.get(LATEST, render);
        feed.set("{\"items\":[\"tag page\"],\"next\":null}");

        assertThat(new String(cache.get("feed?tag=conflict&limit=50", render).body(), UTF_8)).contains("tag page");
        assertThat(new String(cache.get(LATEST, render).body(), UTF_8)).contains("v1");
    }

    @Test
    void withNoBytesAllowedEveryPageIsRendered() {
        PageCache off = PageCache.create(0, generation::get, metrics);

        off.get(LATEST, render);
        off.get(LATEST, render);

        assertThat(renders).hasValue(2);
        assertThat(off.size()).isZero();
    }
}
