package io.newsflow.feed.store;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;

import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.StoryHistory;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the feed stores of this instance. Each input partition has its own store, so a newest-first page
 * is a k-way merge of per-partition forward scans that stops after {@code limit} entries: the cost is
 * proportional to the page, never to the store. Filtered pages walk the in-memory index ({@link FeedIndexStore})
 * and read their items through {@link TimelineItemCache}.
 */
public final class FeedQueries {

    /**
     * Most stories one page examines on one instance. A combined filter ({@code ?urgency=1-9&lang=zz}) checks each
     * story of its index range in full; without a bound a page matching nothing would read every story held.
     */
    public static final String SCAN_BUDGET_CONFIG = "feed.query.scan.budget";

    private final LocalStores stores;
    private final TimelineItemCache items;
    private final Function<ArticleEnriched, String> renderItem;
    private final int scanBudget;

    /**
     * @param items where index pages look items up before the timeline
     * @param renderItem renders a story as its feed item JSON, as {@link FeedIndexer} stores it in the timeline
     * @param scanBudget most stories a page examines ({@link #SCAN_BUDGET_CONFIG}); a page that reaches it ends
     *     early, with fewer items than asked for and a cursor to go on from
     */
    public FeedQueries(LocalStores stores, TimelineItemCache items, Function<ArticleEnriched, String> renderItem, int scanBudget) {
        this.stores = stores;
        this.items = items;
        this.renderItem = renderItem;
        this.scanBudget = scanBudget;
    }

    /**
     * One page of the newest visible stories, starting strictly after {@code cursor} when given. With index terms
     * (one per accepted value, e.g. urgency 1, 2 and 3), only stories under one of them count, and {@code residual}
     * can narrow further (the other filters of a combined query).
     *
     * <p>Each item is the story's feed item as the timeline stores it, already rendered as JSON, so a page of
     * the timeline is one range scan per partition and a page of the index adds one timeline lookup per item:
     * no Avro decoding and no JSON rendering per request. Only a combined filter, which needs the whole story
     * to check, reads the articles store.
     */
    public FeedPage latest(int limit, Optional<String> cursor, List<String> terms, Optional<Predicate<ArticleEnriched>> residual) {
        Bytes after = cursor.map(FeedQueries::decodeCursor).orElse(null);
        List<KeyValueIterator<Bytes, String>> iterators = new ArrayList<>();
        try {
            // Heads are compared by their timeline key, so pages merged from several index terms stay in order.
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::timelineKey));
            Map<Integer, ReadOnlyKeyValueStore<Bytes, String>> timelines = new HashMap<>();
            for (int partition : stores.activePartitions()) {
                ReadOnlyKeyValueStore<Bytes, String> timeline = stores.timeline(partition);
                timelines.put(partition, timeline);
                if (terms.isEmpty()) {
                    KeyValueIterator<Bytes, String> scan = after == null ? timeline.all() : timeline.range(after, null);
                    iterators.add(scan);
                    Head.first(new TimelineScan(scan), after, partition).ifPresent(heads::add);
                } else {
                    FeedIndexStore index = stores.index(partition);
                    for (String term : terms) {
                        Iterator<byte[]> scan = index.newestFirst(term, after == null ? null : after.get());
                        Head.first(new IndexScan(scan), after, partition).ifPresent(heads::add);
                    }
                }
            }
            List<PageEntry> entries = new ArrayList<>(limit);
            Bytes lastKey = null;
            int examined = 0;
            int budget = Math.max(scanBudget, limit); // a page whose every story matches is never cut short
            while (!heads.isEmpty() && entries.size() < limit && examined++ < budget) {
                Head head = heads.poll();
                // The same story can surface from two terms (urgency 1 and 2 are disjoint, but be safe).
                if (!head.timelineKey().equals(lastKey)) {
                    item(head, timelines.get(head.partition()), residual)
                        .ifPresent(item -> entries.add(new PageEntry(head.timelineKey(), item)));
                }
                lastKey = head.timelineKey();
                head.advance().ifPresent(heads::add);
            }
            // The cursor is where the scan stopped: after the last item of a full page, or after the last story
            // examined when the budget ran out first (then the page may even be empty, and the cursor goes on).
            String next = heads.isEmpty() || lastKey == null ? null : encodeCursor(lastKey);
            return new FeedPage(entries, next);
        } finally {
            iterators.forEach(KeyValueIterator::close);
        }
    }

    /**
     * The feed item JSON of one page entry, or empty if the story fails the residual filters or left the feed
     * between the index scan and this lookup.
     */
    private Optional<String> item(Head head, ReadOnlyKeyValueStore<Bytes, String> timeline,
                                  Optional<Predicate<ArticleEnriched>> residual) {
        if (residual.isPresent()) {
            return article(TimelineKey.fromBytes(head.timelineKey()).storyId()).filter(residual.get()).map(renderItem);
        }
        String value = head.item() != null ? head.item() : items.get(head.timelineKey(), timeline::get);
        if (value == null) {
            return Optional.empty();
        }
        // Timelines written before feed items were stored there hold the story id; render those on the fly.
        return FeedStores.isRenderedItem(value) ? Optional.of(value) : article(value).map(renderItem);
    }

    /** The version chain of one story. */
    public Optional<StoryHistory> history(String storyId) {
        return Optional.ofNullable(stores.history().get(storyId));
    }

    /** The newest version of one story held by this instance. */
    public Optional<ArticleEnriched> article(String storyId) {
        return Optional.ofNullable(stores.articles().get(storyId));
    }


    public static String encodeCursor(Bytes key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.get());
    }

    public static Bytes decodeCursor(String cursor) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            if (raw.length < Long.BYTES) {
                throw new InvalidCursorException(cursor);
            }
            return Bytes.wrap(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException(cursor);
        }
    }

    /** One newest-first walk: a partition's timeline (keys with their items) or one term of its index (keys only). */
    private interface Scan {
        /** The next entry, or null at the end; {@code item} is null for an index entry. */
        Head next(int partition);
    }

    private record TimelineScan(KeyValueIterator<Bytes, String> iterator) implements Scan {
        @Override
        public Head next(int partition) {
            if (!iterator.hasNext()) {
                return null;
            }
            KeyValue<Bytes, String> entry = iterator.next();
            return new Head(entry.key, entry.value, this, partition);
        }
    }

    private record IndexScan(Iterator<byte[]> iterator) implements Scan {
        @Override
        public Head next(int partition) {
            return iterator.hasNext() ? new Head(Bytes.wrap(iterator.next()), null, this, partition) : null;
        }
    }

    /** The current entry of one walk: a story's timeline key, and its feed item when the walk has it. */
    private record Head(Bytes timelineKey, String item, Scan scan, int partition) {

        /** The first entry, skipping the cursor key itself so pages never repeat an item. */
        static Optional<Head> first(Scan scan, Bytes skip, int partition) {
            Head head = scan.next(partition);
            while (head != null && skip != null && head.timelineKey().equals(skip)) {
                head = scan.next(partition);
            }
            return Optional.ofNullable(head);
        }

        Optional<Head> advance() {
            return Optional.ofNullable(scan.next(partition));
        }
    }

    /** A page of stories, newest first, with the cursor of the next page or null at the end. */
    public record FeedPage(List<PageEntry> entries, String next) {
    }

    /**
     * One story of a page: its position in the newest-first order (a timeline key) and its feed item as JSON.
     * Only the positions that leave this instance become cursors, so most are never encoded.
     */
    public record PageEntry(Bytes position, String itemJson) {
        /** The position as the opaque cursor clients and peers see. */
        public String cursor() {
            return encodeCursor(position);
        }
    }

    /** A cursor that this service did not issue. */
    public static final class InvalidCursorException extends RuntimeException {
        public InvalidCursorException(String cursor) {
            super("Cursor '" + cursor + "' is not one this service issued; start again without a cursor");
        }
    }
}
