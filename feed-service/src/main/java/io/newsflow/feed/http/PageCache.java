package io.newsflow.feed.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.newsflow.feed.store.TimelineWrites;
import io.newsflow.platform.http.EntityTags;
import org.apache.kafka.common.utils.Bytes;

/**
 * Feed pages this instance answered from its own stores, kept as the bytes it sent, until its feed changes.
 * Readers ask for the same few pages (the latest news, the busiest entities and tags) thousands of times between
 * two stories, and every answer would scan the same ranges and write the same 20-30 KB again.
 *
 * <p>A page is only ever served for the exact state it was rendered from:
 *
 * <ul>
 *   <li>The feed indexer reports each story it adds to or removes from the timeline once all of that story's
 *       index entries are written ({@link #changed}), and the feed's write count advances. A page carries the
 *       write count and the Kafka Streams generation (state changes, restores, rebalances) seen before it was
 *       rendered, and is served only while both are still current.
 *   <li>A page rendered while a write or a state change happened is not kept at all.
 * </ul>
 *
 * So any write makes every kept page stale at once; at newsroom rates (stories per second, reads per millisecond)
 * that costs one render per page and write. Pages that span other instances are not kept here: this instance does
 * not see their writes. Their own parts are, on each instance.
 */
public final class PageCache implements TimelineWrites {

    /** Bytes of rendered pages kept at most; 0 turns the cache off. */
    public static final String BYTES_CONFIG = "feed.page.cache.bytes";

    /** A rendered page with its entity tag and the state it was rendered from. */
    public record Page(byte[] body, String etag, long writes, long generation) {
    }

    /** Null when the cache is off. */
    private final Cache<String, Page> pages;
    private final LongSupplier generation;
    private final AtomicLong writes = new AtomicLong();

    private PageCache(Cache<String, Page> pages, LongSupplier generation) {
        this.pages = pages;
        this.generation = generation;
    }

    /** A cache of at most {@code maxBytes} of page bodies (none when 0), with hit and miss counts in {@code metrics}. */
    public static PageCache create(long maxBytes, LongSupplier generation, MeterRegistry metrics) {
        if (maxBytes <= 0) {
            return new PageCache(null, generation);
        }
        Cache<String, Page> pages = Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .<String, Page>weigher((key, page) -> key.length() * 2 + page.body().length + 64)
            .recordStats()
            .build();
        CaffeineCacheMetrics.monitor(metrics, pages, "feed-pages");
        return new PageCache(pages, generation);
    }

    /** The page named {@code key} as of the current state: kept, or else rendered now by {@code render}. */
    public Page get(String key, Supplier<byte[]> render) {
        long writesBefore = writes.get();
        long generationBefore = generation.getAsLong();
        if (pages != null) {
            Page kept = pages.getIfPresent(key);
            if (kept != null && kept.writes() == writesBefore && kept.generation() == generationBefore) {
                return kept;
            }
        }
        byte[] body = render.get();
        Page page = new Page(body, EntityTags.of(body), writesBefore, generationBefore);
        if (pages != null && writes.get() == writesBefore && generation.getAsLong() == generationBefore) {
            // Tagged with the state before rendering: a write after this check makes it stale, never wrong.
            pages.put(key, page);
        }
        return page;
    }

    @Override
    public void changed(Bytes timelineKey) {
        writes.incrementAndGet();
    }

    /** Pages held now, current or stale; for tests. */
    long size() {
        if (pages == null) {
            return 0;
        }
        pages.cleanUp();
        return pages.estimatedSize();
    }
}
