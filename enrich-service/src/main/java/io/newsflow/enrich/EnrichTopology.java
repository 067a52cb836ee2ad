package io.newsflow.enrich;

import java.util.Map;

import io.newsflow.platform.kafka.Topics;
import io.newsflow.schemas.ArticleEnriched;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * enrich-service's dataflow.
 *
 * <p>In: {@code articles.published}, key story id (string), value {@code ArticlePublished} (Avro).
 * Out: {@code articles.enriched}, key story id (string), value {@code ArticleEnriched} (Avro).
 * Stateless: every version is enriched on its own, so partitions scale out freely.
 */
public final class EnrichTopology {

    private EnrichTopology() {
    }

    public static Topology build(ArticleEnricher enricher, Map<String, ?> serdeConfigs) {
        var in = Topics.ARTICLES_PUBLISHED;
        var out = Topics.ARTICLES_ENRICHED;
        StreamsBuilder builder = new StreamsBuilder();

        builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde(serdeConfigs)).withName("read-published"))
            // A deserialization failure yields no record at all; a null value is a tombstone we do not enrich.
            .filter((storyId, article) -> article != null, Named.as("drop-tombstones"))
            // Link entities and derive topic tags.
            .<ArticleEnriched>mapValues(enricher::enrich, Named.as("link-entities"))
            .to(out.name(), Produced.with(out.keySerde(), out.valueSerde(serdeConfigs)).withName("write-enriched"));

        return builder.build();
    }
}
