package io.newsflow.feed;

import java.util.Map;

import io.newsflow.feed.store.FeedIndexer;
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
 * State: {@value FeedStores#ARTICLES} (story id → newest version) and {@value FeedStores#TIMELINE}
 * (inverted time + id → story id), both persistent and backed by compacted changelog topics.
 * Out: nothing; the stores are served over HTTP by interactive queries.
 */
public final class FeedTopology {

    private FeedTopology() {
    }

    public static Topology build(Map<String, ?> serdeConfigs) {
        var in = Topics.ARTICLES_ENRICHED;
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(FeedStores.articles(serdeConfigs));
        builder.addStateStore(FeedStores.timeline());

        builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde(serdeConfigs)).withName("read-enriched"))
            // Keep the newest version of each story and its place in the time-ordered timeline.
            .process(FeedIndexer::new, Named.as("index-feed"), FeedStores.ARTICLES, FeedStores.TIMELINE);

        return builder.build();
    }
}
