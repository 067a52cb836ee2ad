package io.newsflow.enrich;

import java.util.Map;

import io.newsflow.platform.kafka.Topics;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.PubStatus;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * enrich-service's dataflow.
 *
 * <p>In: {@code articles.published}, key story id (string), value {@code ArticlePublished} (Avro).
 * Out: {@code articles.enriched}, every version, key story id, value {@code ArticleEnriched} (Avro); and
 * {@code articles.latest-state} (compacted), the same records for live stories and a tombstone for a killed
 * one, so a downstream app mirroring it drops the story.
 * Stateless: every version is enriched on its own, so partitions scale out freely.
 */
public final class EnrichTopology {

    private EnrichTopology() {
    }

    public static Topology build(ArticleEnricher enricher, Map<String, ?> serdeConfigs) {
        var in = Topics.ARTICLES_PUBLISHED;
        var out = Topics.ARTICLES_ENRICHED;
        StreamsBuilder builder = new StreamsBuilder();

        var latest = Topics.ARTICLES_LATEST_STATE;
        KStream<String, ArticleEnriched> enriched = builder
            .stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde(serdeConfigs)).withName("read-published"))
            // A deserialization failure yields no record at all; a null value is a tombstone we do not enrich.
            .filter((storyId, article) -> article != null, Named.as("drop-tombstones"))
            // Link entities and derive topic tags (a kill is passed on without linking).
            .mapValues(enricher::enrich, Named.as("link-entities"));

        // Every version, kills included, for the feed and for apps that follow the whole history.
        enriched.to(out.name(), Produced.with(out.keySerde(), out.valueSerde(serdeConfigs)).withName("write-enriched"));

        // The newest state per story; a kill becomes a tombstone.
        enriched.mapValues(story -> story.getArticle().getPubStatus() == PubStatus.canceled ? null : story,
                Named.as("kill-to-tombstone"))
            .to(latest.name(), Produced.with(latest.keySerde(), latest.valueSerde(serdeConfigs)).withName("write-latest-state"));

        return builder.build();
    }
}
