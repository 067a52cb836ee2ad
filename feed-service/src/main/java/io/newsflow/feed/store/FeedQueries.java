package io.newsflow.feed.store;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.StoryHistory;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the feed stores of this instance. Each input partition has its own store, so a newest-first page
 * is a k-way merge of per-partition forward scans that stops after {@code limit} entries: the cost is
 * proportional to the page, never to the store.
 */
public final class FeedQueries {

    private final KafkaStreams streams;

    public FeedQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * One page of the newest visible stories, starting strictly after {@code cursor} when given. With index
     * prefixes (one per accepted term, e.g. urgency 1, 2 and 3), only stories under one of them count, and
     * {@code accept} can narrow further (the other filters of a combined query).
     */
    public FeedPage latest(int limit, Optional<String> cursor, List<Bytes> prefixes, Predicate<ArticleEnriched> accept) {
        Bytes after = cursor.map(FeedQueries::decodeCursor).orElse(null);
        List<KeyValueIterator<Bytes, String>> iterators = new ArrayList<>();
        try {
            // Heads are compared by their timeline part, so pages merged from several index ranges stay in order.
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::timelineKey));
            for (int partition : localPartitions()) {
                if (prefixes.isEmpty()) {
                    ReadOnlyKeyValueStore<Bytes, String> store = store(FeedStores.TIMELINE, partition);
                    open(iterators, heads, after == null ? store.all() : store.range(after, null), after, key -> key);
                } else {
                    ReadOnlyKeyValueStore<Bytes, String> store = store(FeedStores.INDEX, partition);
                    for (Bytes prefix : prefixes) {
                        Bytes from = after == null ? prefix : IndexKeys.key(prefix, after);
                        open(iterators, heads, store.range(from, IndexKeys.upperBound(prefix)), after,
                            key -> IndexKeys.timelinePart(Bytes.wrap(key)).get());
                    }
                }
            }
            List<PageEntry> entries = new ArrayList<>(limit);
            Bytes lastKey = null;
            String lastId = null;
            while (!heads.isEmpty() && entries.size() < limit) {
                Head head = heads.poll();
                // The same story can surface from two ranges (urgency 1 and 2 are disjoint, but be safe).
                if (!head.storyId().equals(lastId)) {
                    Bytes sortKey = head.timelineKey();
                    article(head.storyId()).filter(accept).ifPresent(story -> entries.add(new PageEntry(encodeCursor(sortKey), story)));
                }
                lastKey = head.timelineKey();
                lastId = head.storyId();
                head.advance().ifPresent(heads::add);
            }
            String next = heads.isEmpty() || lastKey == null ? null : encodeCursor(lastKey);
            return new FeedPage(entries, next);
        } finally {
            iterators.forEach(KeyValueIterator::close);
        }
    }

    /** The version chain of one story. */
    public Optional<StoryHistory> history(String storyId) {
        ReadOnlyKeyValueStore<String, StoryHistory> store = streams.store(StoreQueryParameters
            .fromNameAndType(FeedStores.HISTORY, QueryableStoreTypes.<String, StoryHistory>keyValueStore()));
        return Optional.ofNullable(store.get(storyId));
    }

    private ReadOnlyKeyValueStore<Bytes, String> store(String name, int partition) {
        return streams.store(StoreQueryParameters
            .fromNameAndType(name, QueryableStoreTypes.<Bytes, String>keyValueStore())
            .withPartition(partition));
    }

    private static void open(List<KeyValueIterator<Bytes, String>> iterators, PriorityQueue<Head> heads,
                             KeyValueIterator<Bytes, String> iterator, Bytes skip, Function<byte[], byte[]> timelinePart) {
        iterators.add(iterator);
        Head.first(iterator, skip, timelinePart).ifPresent(heads::add);
    }

    /** The newest version of one story held by this instance. */
    public Optional<ArticleEnriched> article(String storyId) {
        ReadOnlyKeyValueStore<String, ArticleEnriched> store = streams.store(StoreQueryParameters
            .fromNameAndType(FeedStores.ARTICLES, QueryableStoreTypes.<String, ArticleEnriched>keyValueStore()));
        return Optional.ofNullable(store.get(storyId));
    }

    private TreeSet<Integer> localPartitions() {
        TreeSet<Integer> partitions = new TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks()
            .forEach(task -> task.topicPartitions().forEach(tp -> partitions.add(tp.partition()))));
        return partitions;
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

    /** The current entry of one open range scan. */
    private record Head(Bytes timelineKey, String storyId, KeyValueIterator<Bytes, String> iterator,
                        Function<byte[], byte[]> timelinePart) {

        /** The first entry, skipping the cursor key itself so pages never repeat an item. */
        static Optional<Head> first(KeyValueIterator<Bytes, String> iterator, Bytes skip, Function<byte[], byte[]> timelinePart) {
            while (iterator.hasNext()) {
                KeyValue<Bytes, String> entry = iterator.next();
                Bytes timeline = Bytes.wrap(timelinePart.apply(entry.key.get()));
                if (skip == null || !timeline.equals(skip)) {
                    return Optional.of(new Head(timeline, entry.value, iterator, timelinePart));
                }
            }
            return Optional.empty();
        }

        Optional<Head> advance() {
            return first(iterator, null, timelinePart);
        }
    }

    /** A page of stories, newest first, with the cursor of the next page or null at the end. */
    public record FeedPage(List<PageEntry> entries, String next) {
        public List<ArticleEnriched> items() {
            return entries.stream().map(PageEntry::story).toList();
        }
    }

    /** One story of a page with its position (an opaque cursor) in the newest-first order. */
    public record PageEntry(String sortKey, ArticleEnriched story) {
    }

    /** A cursor that this service did not issue. */
    public static final class InvalidCursorException extends RuntimeException {
        public InvalidCursorException(String cursor) {
            super("Cursor '" + cursor + "' is not one this service issued; start again without a cursor");
        }
    }
}
