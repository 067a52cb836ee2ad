package io.newsflow.enrich.dictionary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.newsflow.schemas.DictionaryEdit;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains the global {@code dictionary-edits} store from {@code dictionary.entries} and hands each change to
 * the {@link LiveDictionary}. Runs on the global stream thread of every enrich-service instance, so every
 * instance links with the same dictionary.
 */
public final class DictionaryEditProcessor implements Processor<String, DictionaryEdit, Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(DictionaryEditProcessor.class);

    private final LiveDictionary dictionary;
    private KeyValueStore<String, DictionaryEdit> store;

    public DictionaryEditProcessor(LiveDictionary dictionary) {
        this.dictionary = dictionary;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(DictionaryStores.EDITS);
        // After a restart the store is restored from local files and only newer records pass through process().
        List<DictionaryEdit> stored = new ArrayList<>();
        try (KeyValueIterator<String, DictionaryEdit> all = store.all()) {
            all.forEachRemaining(entry -> stored.add(entry.value));
        }
        dictionary.restore(stored);
    }

    @Override
    public void process(Record<String, DictionaryEdit> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            dictionary.revert(record.key());
            return;
        }
        store.put(record.key(), record.value());
        try {
            dictionary.apply(record.value(), Instant.ofEpochMilli(record.timestamp()));
            log.info("dictionary edit of {} by {} received", record.key(), record.value().getEditor());
        } catch (RuntimeException e) {
            log.error("dictionary edit of {} is unreadable and was skipped: {}", record.key(), e.getMessage());
        }
    }
}
