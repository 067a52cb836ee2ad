package io.newsflow.feed.store;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * The secondary feed index of one partition: for each {@link IndexTerms term}, the timeline keys of the visible
 * stories under it, newest first.
 *
 * <p>It lives in memory and has no changelog. {@link FeedIndexer} rebuilds it from the partition's timeline whenever
 * the task starts, after Kafka Streams has restored that, and keeps it in step from then on. With the index
 * changelogged, a story cost about 10.5 index records to restore, each one a RocksDB write, against 3 for the stores
 * that hold data; a million stories were ready 52–54 s after start with it, and 36–37 s without any index
 * (docs/benchmarks.md, run H). The index is derived data, so losing it with the process loses nothing.
 *
 * <p>Each story's timeline key is one array shared by all its terms, so the index costs about 4 bytes per term
 * and story plus the keys themselves. One stream thread writes; HTTP threads read through {@link #newestFirst},
 * which walks a snapshot ({@link Postings}).
 */
public final class FeedIndexStore implements StateStore {

    private final String name;
    private final Map<String, Postings> byTerm = new ConcurrentHashMap<>();
    private volatile boolean open;

    private FeedIndexStore(String name) {
        this.name = name;
    }

    /** A builder for Kafka Streams' topology: never logged, never cached. */
    public static StoreBuilder<FeedIndexStore> builder(String name) {
        return new Builder(name);
    }

    /** How interactive queries find this store of one partition. */
    static QueryableStoreType<FeedIndexStore> queryableType() {
        return new QueryableType();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // A task that starts again (after a rebalance or a failed transaction) starts from nothing and is rebuilt.
        byTerm.clear();
        context.register(root, (key, value) -> {
            throw new IllegalStateException("the feed index has no changelog to restore from");
        });
        open = true;
    }

    @Override
    public void flush() {
        // Nothing to write: the index is rebuilt from the logged stores on every start.
    }

    @Override
    public void close() {
        open = false;
        byTerm.clear();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Puts a story's timeline key under a term. */
    void add(String term, byte[] timelineKey) {
        byTerm.computeIfAbsent(term, t -> new Postings()).add(timelineKey);
    }

    /** Takes a story's timeline key from under a term. */
    void remove(String term, byte[] timelineKey) {
        Postings postings = byTerm.get(term);
        if (postings != null && postings.remove(timelineKey) && postings.size() == 0) {
            byTerm.remove(term);
        }
    }

    /** Replaces the whole index; each list must be in ascending key order, without repeats. */
    void load(Map<String, List<byte[]>> keysByTerm) {
        byTerm.clear();
        keysByTerm.forEach((term, keys) -> {
            Postings postings = new Postings();
            postings.load(keys);
            byTerm.put(term, postings);
        });
    }

    /**
     * The timeline keys under a term, newest first, from {@code from} on (inclusive; from the newest when null), as
     * of this call: stories indexed or removed while the caller walks do not show.
     */
    public Iterator<byte[]> newestFirst(String term, byte[] from) {
        if (!open) {
            throw new InvalidStateStoreException("the feed index of this partition is closed; it may have moved");
        }
        Postings postings = byTerm.get(term);
        return postings == null ? java.util.Collections.emptyIterator() : postings.from(from);
    }

    /** The terms that hold at least one story. */
    public java.util.Set<String> terms() {
        return java.util.Set.copyOf(byTerm.keySet());
    }

    private record Builder(String name) implements StoreBuilder<FeedIndexStore> {

        @Override
        public StoreBuilder<FeedIndexStore> withCachingEnabled() {
            return this; // reads come from memory already
        }

        @Override
        public StoreBuilder<FeedIndexStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<FeedIndexStore> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("the feed index is rebuilt from the timeline, never logged");
        }

        @Override
        public StoreBuilder<FeedIndexStore> withLoggingDisabled() {
            return this;
        }

        @Override
        public FeedIndexStore build() {
            return new FeedIndexStore(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }
    }

    private static final class QueryableType implements QueryableStoreType<FeedIndexStore> {

        @Override
        public boolean accepts(StateStore stateStore) {
            return stateStore instanceof FeedIndexStore;
        }

        @Override
        public FeedIndexStore create(StateStoreProvider provider, String storeName) {
            List<FeedIndexStore> stores = provider.stores(storeName, this);
            if (stores.size() != 1) {
                throw new InvalidStateStoreException("expected the feed index of one partition, found " + stores.size());
            }
            return stores.get(0);
        }
    }
}
