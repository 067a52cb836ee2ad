package io.newsflow.feed.store;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeSet;

import io.newsflow.schemas.ArticleEnriched;
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

    /** One page of the newest stories, starting strictly after {@code cursor} when given. */
    public FeedPage latest(int limit, Optional<String> cursor) {
        Bytes after = cursor.map(FeedQueries::decodeCursor).orElse(null);
        List<KeyValueIterator<Bytes, String>> iterators = new ArrayList<>();
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::key));
            for (int partition : localPartitions()) {
                ReadOnlyKeyValueStore<Bytes, String> store = streams.store(StoreQueryParameters
                    .fromNameAndType(FeedStores.TIMELINE, QueryableStoreTypes.<Bytes, String>keyValueStore())
                    .withPartition(partition));
                KeyValueIterator<Bytes, String> iterator = after == null ? store.all() : store.range(after, null);
                iterators.add(iterator);
                advance(iterator, after).ifPresent(entry -> heads.add(new Head(entry.key, entry.value, iterator)));
            }
            List<ArticleEnriched> items = new ArrayList<>(limit);
            Bytes lastKey = null;
            while (!heads.isEmpty() && items.size() < limit) {
                Head head = heads.poll();
                article(head.storyId()).ifPresent(items::add);
                lastKey = head.key();
                advance(head.iterator(), null).ifPresent(entry -> heads.add(new Head(entry.key, entry.value, head.iterator())));
            }
            String next = heads.isEmpty() || lastKey == null ? null : encodeCursor(lastKey);
            return new FeedPage(items, next);
        } finally {
            iterators.forEach(KeyValueIterator::close);
        }
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

    /** The next entry, skipping the cursor key itself so pages never repeat an item. */
    private static Optional<KeyValue<Bytes, String>> advance(KeyValueIterator<Bytes, String> iterator, Bytes skip) {
        while (iterator.hasNext()) {
            KeyValue<Bytes, String> entry = iterator.next();
            if (skip == null || !entry.key.equals(skip)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    static String encodeCursor(Bytes key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.get());
    }

    static Bytes decodeCursor(String cursor) {
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

    private record Head(Bytes key, String storyId, KeyValueIterator<Bytes, String> iterator) {
    }

    /** A page of stories, newest first, with the cursor of the next page or null at the end. */
    public record FeedPage(List<ArticleEnriched> items, String next) {
    }

    /** A cursor that this service did not issue. */
    public static final class InvalidCursorException extends RuntimeException {
        public InvalidCursorException(String cursor) {
            super("Cursor '" + cursor + "' is not one this service issued; start again without a cursor");
        }
    }
}
