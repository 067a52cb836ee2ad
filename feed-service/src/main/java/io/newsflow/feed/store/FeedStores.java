package io.newsflow.feed.store;

import java.util.Map;

import io.newsflow.platform.kafka.Topics;
import io.newsflow.schemas.ArticleEnriched;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Names and builders of feed-service's persistent (RocksDB, changelogged) state stores. */
public final class FeedStores {

    /** Story id → newest {@code ArticleEnriched} version. */
    public static final String ARTICLES = "articles";
    /** {@link TimelineKey} bytes → story id, scanned newest first. */
    public static final String TIMELINE = "timeline";

    private FeedStores() {
    }

    public static StoreBuilder<KeyValueStore<String, ArticleEnriched>> articles(Map<String, ?> serdeConfigs) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLES), Serdes.String(),
            Topics.ARTICLES_ENRICHED.valueSerde(serdeConfigs));
    }

    public static StoreBuilder<KeyValueStore<Bytes, String>> timeline() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMELINE), Serdes.Bytes(), Serdes.String());
    }
}
