package io.newsflow.feed.store;

import java.util.List;
import java.util.Map;

import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.serde.AvroSerde;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.StoryHistory;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Names and builders of feed-service's state stores: persistent (RocksDB) and backed by compacted changelogs, except
 * the secondary index, which is derived from them.
 */
public final class FeedStores {

    /** Story id → newest {@code ArticleEnriched} version. */
    public static final String ARTICLES = "articles";
    /**
     * {@link TimelineKey} bytes → the story's feed item as the API's JSON, visible stories only, scanned newest
     * first. Storing the rendered item (about 500 bytes) rather than the story id lets a page be served from one
     * range scan, with no Avro decoding or JSON rendering per request. Stores written before this hold the story
     * id; {@link #isRenderedItem} tells them apart.
     */
    public static final String TIMELINE = "timeline";
    /**
     * The timeline keys again under each tag, entity, source, language and urgency ({@link IndexTerms}), in
     * memory and rebuilt from the timeline on every start ({@link FeedIndexStore}). Items are looked up in the
     * timeline, so each is stored only once.
     */
    public static final String INDEX = "feed-index";
    /** {@link EmbargoKey} bytes → story id, stories waiting for their embargo to pass. */
    public static final String EMBARGOES = "embargoes";
    /** Story id → {@code StoryHistory}, the version chain. */
    public static final String HISTORY = "story-history";

    public static final List<String> ALL = List.of(ARTICLES, TIMELINE, INDEX, EMBARGOES, HISTORY);
    /** The stores kept in RocksDB, with changelogs: all but the index. */
    public static final List<String> PERSISTENT = List.of(ARTICLES, TIMELINE, EMBARGOES, HISTORY);

    private FeedStores() {
    }

    /** Whether a timeline value is a rendered feed item (a JSON object) rather than a story id from an older store. */
    public static boolean isRenderedItem(String timelineValue) {
        return !timelineValue.isEmpty() && timelineValue.charAt(0) == '{';
    }

    public static StoreBuilder<KeyValueStore<String, ArticleEnriched>> articles(Map<String, ?> serdeConfigs) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLES), Serdes.String(),
            Topics.ARTICLES_ENRICHED.valueSerde(serdeConfigs));
    }

    public static StoreBuilder<KeyValueStore<String, StoryHistory>> history(Map<String, ?> serdeConfigs) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY), Serdes.String(),
            AvroSerde.forValues(StoryHistory.class, serdeConfigs));
    }

    /** A store of byte keys to strings: the timeline (feed items) and the embargo queue (story ids) share this shape. */
    public static StoreBuilder<KeyValueStore<Bytes, String>> ordered(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.String());
    }
}
