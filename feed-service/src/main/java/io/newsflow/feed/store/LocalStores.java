package io.newsflow.feed.store;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.StoryHistory;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's feed stores, resolved once and kept between requests. Asking Kafka Streams for a store walks
 * every stream thread's tasks; a page asks for up to six of them, which was about a sixth of a page's CPU.
 *
 * <p>A kept handle is trusted only while nothing could have moved or reopened its store: the {@code generation}
 * (which the Streams runner advances on every state change and on every restoration start and end) must be
 * the one it was resolved under, and the store must still be open. Otherwise it is resolved again, which
 * throws {@code InvalidStateStoreException} (answered 503) while the store is migrating or restoring, exactly
 * as an uncached lookup would.
 */
public final class LocalStores {

    private final Supplier<KafkaStreams> streams;
    private final LongSupplier generation;
    private final Map<String, Resolved<?>> resolved = new ConcurrentHashMap<>();
    private volatile Partitions partitions;

    /** A store handle and the generation it was resolved under. */
    private record Resolved<S>(S store, long generation) {
    }

    /** The partitions this instance holds active tasks for, as of one generation. */
    private record Partitions(TreeSet<Integer> active, long generation) {
    }

    public LocalStores(Supplier<KafkaStreams> streams, LongSupplier generation) {
        this.streams = streams;
        this.generation = generation;
    }

    /** One partition's timeline, pinned to that partition's store (see {@link PinnedStoreType}). */
    ReadOnlyKeyValueStore<Bytes, String> timeline(int partition) {
        return partitionStore(FeedStores.TIMELINE, partition, new PinnedStoreType<Bytes, String>());
    }

    /** One partition's secondary index. */
    FeedIndexStore index(int partition) {
        return partitionStore(FeedStores.INDEX, partition, FeedIndexStore.queryableType());
    }

    /** Newest story versions across this instance's partitions. */
    ReadOnlyKeyValueStore<String, ArticleEnriched> articles() {
        return streams.get().store(StoreQueryParameters
            .fromNameAndType(FeedStores.ARTICLES, QueryableStoreTypes.<String, ArticleEnriched>keyValueStore()));
    }

    /** Version chains across this instance's partitions. */
    ReadOnlyKeyValueStore<String, StoryHistory> history() {
        return streams.get().store(StoreQueryParameters
            .fromNameAndType(FeedStores.HISTORY, QueryableStoreTypes.<String, StoryHistory>keyValueStore()));
    }

    /** Input partitions this instance holds active tasks for, ascending; read only. */
    TreeSet<Integer> activePartitions() {
        long now = generation.getAsLong();
        Partitions known = partitions;
        if (known != null && known.generation() == now) {
            return known.active();
        }
        TreeSet<Integer> active = new TreeSet<>();
        streams.get().metadataForLocalThreads().forEach(thread -> thread.activeTasks()
            .forEach(task -> task.topicPartitions().forEach(tp -> active.add(tp.partition()))));
        partitions = new Partitions(active, now);
        return active;
    }

    @SuppressWarnings("unchecked")
    private <S> S partitionStore(String name, int partition, QueryableStoreType<S> type) {
        String key = name + '/' + partition;
        long now = generation.getAsLong();
        Resolved<?> known = resolved.get(key);
        if (known != null && known.generation() == now && isOpen(known.store())) {
            return (S) known.store();
        }
        S store = streams.get().store(StoreQueryParameters.fromNameAndType(name, type).withPartition(partition));
        // Only a handle that can say whether it is still open is worth keeping.
        if (store instanceof StateStore) {
            resolved.put(key, new Resolved<>(store, now));
        }
        return store;
    }

    private static boolean isOpen(Object store) {
        return store instanceof StateStore stateStore && stateStore.isOpen();
    }
}
