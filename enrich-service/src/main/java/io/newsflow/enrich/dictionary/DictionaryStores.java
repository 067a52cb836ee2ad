package io.newsflow.enrich.dictionary;

import java.util.Map;

import io.newsflow.platform.kafka.Topics;
import io.newsflow.schemas.DictionaryEdit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** enrich-service's stores: the global dictionary edits and the per-story version guard. */
public final class DictionaryStores {

    /** Entity id → the editor's latest change; global, restored from {@code dictionary.entries} itself. */
    public static final String EDITS = "dictionary-edits";
    /** Story id → newest version enriched, so a replay or a late record never overwrites a newer version. */
    public static final String VERSIONS = "enriched-versions";

    private DictionaryStores() {
    }

    public static StoreBuilder<KeyValueStore<String, DictionaryEdit>> edits(Map<String, ?> serdeConfigs) {
        // A global store is restored from its source topic, so it needs (and may have) no changelog of its own.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EDITS), Serdes.String(),
            Topics.DICTIONARY_ENTRIES.valueSerde(serdeConfigs)).withLoggingDisabled();
    }

    public static StoreBuilder<KeyValueStore<String, Integer>> versions() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VERSIONS), Serdes.String(), Serdes.Integer());
    }
}
