package io.newsflow.feed;

import java.util.Map;

import io.newsflow.feed.store.FeedIndexer;
import io.newsflow.feed.store.FeedListener;
import io.newsflow.feed.store.FeedStores;
import io.newsflow.platform.kafka.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

/**
 * feed-service's dataflow.
 *
 * <p>In: {@code articles.enriched}, key story id (string), value {@code ArticleEnriched} (Avro).
 * State: the stores of {@link FeedStores} (newest version per story, the newest-first timeline and its
 * secondary index, the embargo queue, the version chains), persistent and backed by compacted changelogs.
 * Out: nothing; the stores are served over HTTP by interactive queries, and {@link FeedListener} hears
 * about stories entering and leaving the feed.
 */
public final class FeedTopology {

    private FeedTopology() {
    }

    public static Topology build(Map<String, ?> serdeConfigs, FeedListener listener) {
        var in = Topics.ARTICLES_ENRICHED;
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(FeedStores.articles(serdeConfigs));
        builder.addStateStore(FeedStores.history(serdeConfigs));
        builder.addStateStore(FeedStores.ordered(FeedStores.TIMELINE));
        builder.addStateStore(FeedStores.ordered(FeedStores.INDEX));
        builder.addStateStore(FeedStores.ordered(FeedStores.EMBARGOES));

        builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde(serdeConfigs)).withName("read-enriched"))
            // Keep the newest version of each story, its place in the timeline and indexes, its embargo and history.
            .process(() -> new FeedIndexer(listener), Named.as("index-feed"), FeedStores.ALL.toArray(String[]::new));

        return builder.build();
    }
}
