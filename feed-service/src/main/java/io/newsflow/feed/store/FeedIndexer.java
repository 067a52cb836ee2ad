package io.newsflow.feed.store;

import io.newsflow.schemas.ArticleEnriched;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the two feed stores in step for every enriched story version: {@code articles} holds the newest
 * version per story id, {@code timeline} one entry per story ordered newest first. A newer version
 * replaces the older one's timeline entry; an older version arriving late is ignored.
 */
public final class FeedIndexer implements Processor<String, ArticleEnriched, Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(FeedIndexer.class);

    private KeyValueStore<String, ArticleEnriched> articles;
    private KeyValueStore<Bytes, String> timeline;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        articles = context.getStateStore(FeedStores.ARTICLES);
        timeline = context.getStateStore(FeedStores.TIMELINE);
    }

    @Override
    public void process(Record<String, ArticleEnriched> record) {
        String storyId = record.key();
        ArticleEnriched incoming = record.value();
        if (storyId == null) {
            log.warn("skipping an enriched record without a story id");
            return;
        }
        ArticleEnriched current = articles.get(storyId);
        if (incoming == null) {
            remove(storyId, current);
            return;
        }
        if (current != null && current.getArticle().getVersion() > incoming.getArticle().getVersion()) {
            log.info("story {} v{} ignored: v{} is already in the feed", storyId,
                incoming.getArticle().getVersion(), current.getArticle().getVersion());
            return;
        }
        if (current != null) {
            timeline.delete(timelineKey(current));
        }
        articles.put(storyId, incoming);
        timeline.put(timelineKey(incoming), storyId);
    }

    private void remove(String storyId, ArticleEnriched current) {
        if (current != null) {
            timeline.delete(timelineKey(current));
            articles.delete(storyId);
        }
    }

    private static Bytes timelineKey(ArticleEnriched enriched) {
        return new TimelineKey(enriched.getArticle().getPublishedAt(), enriched.getArticle().getId()).toBytes();
    }
}
