package io.newsflow.enrich.dictionary;

import io.newsflow.platform.logging.StoryLog;
import io.newsflow.schemas.ArticlePublished;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a story version through only if it is at least as new as any version of that story already
 * enriched. New versions and re-enrichments of the current one pass; a replayed older version is dropped,
 * so {@code articles.latest-state} can never go back in time.
 *
 * <p>The story's id and version are in the MDC ({@link StoryLog}) from here until the record has gone through
 * everything downstream ({@code forward} is synchronous): enrichment, the output and the dead-letter path.
 */
public final class NewestVersionGuard implements Processor<String, ArticlePublished, String, ArticlePublished> {

    private static final Logger log = LoggerFactory.getLogger(NewestVersionGuard.class);

    private ProcessorContext<String, ArticlePublished> context;
    private KeyValueStore<String, Integer> newest;

    @Override
    public void init(ProcessorContext<String, ArticlePublished> context) {
        this.context = context;
        this.newest = context.getStateStore(DictionaryStores.VERSIONS);
    }

    @Override
    public void process(Record<String, ArticlePublished> record) {
        ArticlePublished article = record.value();
        if (record.key() == null || article == null) {
            return;
        }
        try (StoryLog.Scope story = StoryLog.story(record.key(), article.getVersion())) {
            Integer seen = newest.get(record.key());
            if (seen != null && seen > article.getVersion()) {
                log.debug("story {} v{} not enriched: v{} already was", record.key(), article.getVersion(), seen);
                return;
            }
            newest.put(record.key(), article.getVersion());
            context.forward(record);
        }
    }
}
