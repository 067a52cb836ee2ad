package io.newsflow.feed;

import java.util.Map;

import io.newsflow.feed.http.FeedViews;
import io.newsflow.feed.store.FeedIndexStore;
import io.newsflow.feed.store.FeedIndexer;
import io.newsflow.feed.store.FeedStores;
import io.newsflow.feed.store.TimelineItemCache;
import io.newsflow.feed.store.FeedRetention;
import io.newsflow.feed.store.TimelineWrites;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.metrics.PipelineMetrics;
import io.newsflow.platform.streams.StoryKeys;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * feed-service's dataflow.
 *
 * <p>In: {@code articles.enriched}, key story id (string), value {@code ArticleEnriched} (Avro).
 * State: the stores of {@link FeedStores} (newest version per story, the newest-first timeline, the embargo queue,
 * the version chains), persistent and backed by compacted changelogs, and the timeline's secondary index, which
 * lives in memory and is rebuilt from them on every start.
 * Out: {@code feed.events}, key story id, value the {@code ArticleEnriched} that became visible, or a
 * tombstone when a story left the feed; every instance reads it to drive its live stream. The stores are
 * served over HTTP by interactive queries.
 */
public final class FeedTopology {

    private FeedTopology() {
    }

    public static Topology build(Map<String, ?> serdeConfigs, PipelineMetrics metrics) {
        return build(serdeConfigs, metrics, TimelineWrites.NONE);
    }

    /** @param timelineWrites told of every timeline entry written, after the store has it (see {@link TimelineItemCache}) */
    public static Topology build(Map<String, ?> serdeConfigs, PipelineMetrics metrics, TimelineWrites timelineWrites) {
        return build(serdeConfigs, metrics, timelineWrites, FeedRetention.KEEP_ALL);
    }

    /** @param retention which stories leave the feed by age or count (see {@link FeedIndexer}) */
    public static Topology build(Map<String, ?> serdeConfigs, PipelineMetrics metrics, TimelineWrites timelineWrites,
                                 FeedRetention retention) {
        var in = Topics.ARTICLES_ENRICHED;
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(FeedStores.articles(serdeConfigs));
        builder.addStateStore(FeedStores.history(serdeConfigs));
        builder.addStateStore(FeedStores.ordered(FeedStores.TIMELINE));
        builder.addStateStore(FeedIndexStore.builder(FeedStores.INDEX));
        builder.addStateStore(FeedStores.ordered(FeedStores.EMBARGOES));

        builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde(serdeConfigs)).withName("read-enriched"))
            // A story keyed by anything but its id would break per-story ordering: it goes to the dead-letter topic.
            .mapValues((storyId, story) -> story == null ? null
                : StoryKeys.requireKeyIsStoryId(storyId, story.getArticle().getId(), story), Named.as("require-story-key"))
            // Keep the newest version of each story, its place in the timeline and indexes, its embargo and history.
            .process(() -> new FeedIndexer(metrics, FeedViews.ITEM_FORMAT, timelineWrites, retention), Named.as("index-feed"), FeedStores.ALL.toArray(String[]::new))
            // Stories entering and leaving the feed, for the live stream of every instance.
            .to(Topics.FEED_EVENTS.name(), Produced.with(Topics.FEED_EVENTS.keySerde(), Topics.FEED_EVENTS.valueSerde(serdeConfigs))
                .withName("write-feed-events"));

        return builder.build();
    }
}
