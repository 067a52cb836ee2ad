package io.newsflow.feed.store;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
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
 * proportional to the page, never to the store. Index pages read their items through {@link TimelineItemCache}.
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
     * One page of the newest visible stories, starting strictly after {@code cursor} when given. With index
     * prefixes (one per accepted term, e.g. urgency 1, 2 and 3), only stories under one of them count, and
     * {@code residual} can narrow further (the other filters of a combined query).
     *
     * <p>Each item is the story's feed item as the timeline stores it, already rendered as JSON, so a page of
     * the timeline is one range scan per partition and a page of the index adds one timeline lookup per item:
     * no Avro decoding and no JSON rendering per request. Only a combined filter, which needs the whole story
     * to check, reads the articles store.
     */
    public FeedPage latest(int limit, Optional<String> cursor, List<Bytes> prefixes, Optional<Predicate<ArticleEnriched>> residual) {
        Bytes after = cursor.map(FeedQueries::decodeCursor).orElse(null);
        List<KeyValueIterator<Bytes, String>> iterators = new ArrayList<>();
        try {
            // Heads are compared by their timeline part, so pages merged from several index ranges stay in order.
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::timelineKey));
            Map<Integer, ReadOnlyKeyValueStore<Bytes, String>> timelines = new HashMap<>();
            for (int partition : stores.activePartitions()) {
                ReadOnlyKeyValueStore<Bytes, String> timeline = stores.timeline(partition);
                timelines.put(partition, timeline);
                if (prefixes.isEmpty()) {
                    open(iterators, heads, after == null ? timeline.all() : timeline.range(after, null), after, partition, false);
                } else {
                    ReadOnlyKeyValueStore<Bytes, String> index = stores.index(partition);
                    for (Bytes prefix : prefixes) {
                        Bytes from = after == null ? prefix : IndexKeys.key(prefix, after);
                        open(iterators, heads, index.range(from, IndexKeys.upperBound(prefix)), after, partition, true);
                    }
                }
            }
            List<PageEntry> entries = new ArrayList<>(limit);
            Bytes lastKey = null;
            int examined = 0;
            int budget = Math.max(scanBudget, limit); // a page whose every story matches is never cut short
            while (!heads.isEmpty() && entries.size() < limit && examined++ < budget) {
                Head head = heads.poll();
                // The same story can surface from two ranges (urgency 1 and 2 are disjoint, but be safe).
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
        String value = head.fromIndex() ? items.get(head.timelineKey(), timeline::get) : head.value();
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

    private static void open(List<KeyValueIterator<Bytes, String>> iterators, PriorityQueue<Head> heads,
                             KeyValueIterator<Bytes, String> iterator, Bytes skip, int partition, boolean fromIndex) {
        iterators.add(iterator);
        Head.first(iterator, skip, partition, fromIndex).ifPresent(heads::add);
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

    /**
     * The current entry of one open range scan of a partition's timeline ({@code value} is the feed item) or
     * index ({@code value} is the story id, the item is looked up in the timeline).
     */
    private record Head(Bytes timelineKey, String value, KeyValueIterator<Bytes, String> iterator, int partition, boolean fromIndex) {

        /** The first entry, skipping the cursor key itself so pages never repeat an item. */
        static Optional<Head> first(KeyValueIterator<Bytes, String> iterator, Bytes skip, int partition, boolean fromIndex) {
            while (iterator.hasNext()) {
                KeyValue<Bytes, String> entry = iterator.next();
                Bytes timeline = fromIndex ? IndexKeys.timelinePart(entry.key) : entry.key;
                if (skip == null || !timeline.equals(skip)) {
                    return Optional.of(new Head(timeline, entry.value, iterator, partition, fromIndex));
                }
            }
            return Optional.empty();
        }

        Optional<Head> advance() {
            return first(iterator, null, partition, fromIndex);
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
