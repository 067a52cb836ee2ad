package io.newsflow.feed.store;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The timeline store with the secondary feed index kept inside it, derived from the feed items.
 *
 * <p>Writing a timeline entry (a {@link TimelineKey} and the story's feed item JSON) also writes one index entry
 * ({@link IndexKeys}, empty value) for every facet term the item carries; deleting it deletes them. This store sits
 * under Kafka Streams' change-logging layer, so only the timeline entry reaches the changelog: one record per
 * story instead of one plus about ten index entries. Restoring from the changelog, which the restore consumer
 * does record by record, therefore reads a twelfth of the records it used to, and this store derives the index
 * entries locally while it writes each batch. Standby replicas restore the same way, so they hold the index too.
 *
 * <p>Index keys start with {@link IndexKeys#SPACE} and every timeline key starts with a byte below it, so the
 * timeline is the key range up to {@link TimelineKey#SPACE_END} and the index the range after it.
 */
final class IndexedTimelineStore implements KeyValueStore<Bytes, byte[]> {

    private static final byte[] NO_VALUE = new byte[0];

    private final KeyValueStore<Bytes, byte[]> inner;

    IndexedTimelineStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    /** The persistent (RocksDB) timeline store for {@link FeedStores#ordered}-style builders. */
    static KeyValueBytesStoreSupplier persistent(String name) {
        KeyValueBytesStoreSupplier rocksDb = Stores.persistentKeyValueStore(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return rocksDb.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new IndexedTimelineStore(rocksDb.get());
            }

            @Override
            public String metricsScope() {
                return rocksDb.metricsScope();
            }
        };
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void put(Bytes key, byte[] value) {
        List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>();
        write(key, value, inner.get(key), writes);
        inner.putAll(writes);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = inner.get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        inner.putAll(withIndex(entries));
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] existing = inner.get(key);
        if (existing != null) {
            List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>();
            write(key, null, existing, writes);
            inner.putAll(writes);
        }
        return existing;
    }

    /**
     * The writes that apply {@code entries} in order, each timeline entry with its index entries. A key written twice
     * in the list is read back from the earlier write, not from the store.
     */
    private List<KeyValue<Bytes, byte[]>> withIndex(List<KeyValue<Bytes, byte[]>> entries) {
        List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>(entries.size() * 12);
        Map<Bytes, byte[]> written = new HashMap<>();
        for (KeyValue<Bytes, byte[]> entry : entries) {
            byte[] previous = written.containsKey(entry.key) ? written.get(entry.key) : inner.get(entry.key);
            write(entry.key, entry.value, previous, writes);
            written.put(entry.key, entry.value);
        }
        return writes;
    }

    /** Appends the writes that replace {@code previous} with {@code value} (null: delete) under {@code key}. */
    private static void write(Bytes key, byte[] value, byte[] previous, List<KeyValue<Bytes, byte[]>> writes) {
        if (IndexKeys.isIndexKey(key)) {
            throw new IllegalArgumentException("index entries are derived from the timeline and cannot be written directly");
        }
        Set<Bytes> before = indexKeys(key, previous);
        Set<Bytes> after = indexKeys(key, value);
        for (Bytes stale : before) {
            if (!after.contains(stale)) {
                writes.add(KeyValue.pair(stale, null));
            }
        }
        for (Bytes fresh : after) {
            if (!before.contains(fresh)) {
                writes.add(KeyValue.pair(fresh, NO_VALUE));
            }
        }
        writes.add(KeyValue.pair(key, value));
    }

    private static Set<Bytes> indexKeys(Bytes timelineKey, byte[] item) {
        if (item == null) {
            return Set.of();
        }
        Set<Bytes> keys = new LinkedHashSet<>();
        for (Bytes prefix : FeedItemFacets.prefixesOf(item)) {
            keys.add(IndexKeys.key(prefix, timelineKey));
        }
        return keys;
    }

    /** Applies a batch of changelog records (timeline entries only) with their index entries in one write. */
    private void restore(Collection<KeyValue<byte[], byte[]>> records) {
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(records.size());
        for (KeyValue<byte[], byte[]> record : records) {
            entries.add(KeyValue.pair(Bytes.wrap(record.key), record.value));
        }
        inner.putAll(withIndex(entries));
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // The inner store registers its own restore callback, which would write the changelog records as they are;
        // ours adds the index entries.
        inner.init(new RestoreThroughIndex(context, this::restore), root);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public long approximateNumUncommittedBytes() {
        return inner.approximateNumUncommittedBytes();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    // ------------------------------------------------------------------ reads

    @Override
    public byte[] get(Bytes key) {
        return inner.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return inner.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public ReadOnlyKeyValueStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
        return inner.readOnly(isolationLevel);
    }

    /** The store context, except that the store registers {@code restore} as its restore callback. */
    private record RestoreThroughIndex(StateStoreContext context, BatchingStateRestoreCallback restore)
            implements StateStoreContext {

        @Override
        public void register(StateStore store, StateRestoreCallback ignored) {
            context.register(store, restore);
        }

        @Override
        public void register(StateStore store, StateRestoreCallback ignored, CommitCallback checkpoint) {
            context.register(store, restore, checkpoint);
        }

        @Override
        public String applicationId() {
            return context.applicationId();
        }

        @Override
        public TaskId taskId() {
            return context.taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return context.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return context.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return context.valueSerde();
        }

        @Override
        public File stateDir() {
            return context.stateDir();
        }

        @Override
        public StreamsMetrics metrics() {
            return context.metrics();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return context.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return context.appConfigsWithPrefix(prefix);
        }
    }
}
