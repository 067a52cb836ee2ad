package io.newsflow.enrich;

import java.util.List;
import java.util.Map;

import io.newsflow.enrich.dictionary.DictionaryEditProcessor;
import io.newsflow.enrich.dictionary.DictionaryStores;
import io.newsflow.enrich.dictionary.LiveDictionary;
import io.newsflow.enrich.dictionary.NewestVersionGuard;

import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.metrics.PipelineMetrics;
import io.newsflow.platform.streams.StoryKeys;
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
 *
 * <p>Also in: {@code enrich.replay} (story versions to enrich again after a dictionary change, same key and
 * value), merged with {@code articles.published}; and {@code dictionary.entries}, editors' dictionary
 * changes, kept in a global store on every instance and applied to the {@link LiveDictionary}.
 * State: {@code enriched-versions} (story id → newest version), which drops any version older than one
 * already enriched. Linking itself is stateless, so partitions scale out freely.
 */
public final class EnrichTopology {

    private EnrichTopology() {
    }

    public static Topology build(ArticleEnricher enricher, LiveDictionary dictionary, Map<String, ?> serdeConfigs,
                                 PipelineMetrics metrics) {
        var in = Topics.ARTICLES_PUBLISHED;
        var replay = Topics.ENRICH_REPLAY;
        var out = Topics.ARTICLES_ENRICHED;
        var edits = Topics.DICTIONARY_ENTRIES;
        StreamsBuilder builder = new StreamsBuilder();

        // Every instance keeps all dictionary edits and applies them to its live dictionary.
        builder.addGlobalStore(DictionaryStores.edits(serdeConfigs), edits.name(),
            Consumed.with(edits.keySerde(), edits.valueSerde(serdeConfigs)).withName("read-dictionary-edits"),
            () -> new DictionaryEditProcessor(dictionary));
        builder.addStateStore(DictionaryStores.versions());

        var latest = Topics.ARTICLES_LATEST_STATE;
        KStream<String, ArticleEnriched> enriched = builder
            .stream(List.of(in.name(), replay.name()), Consumed.with(in.keySerde(), in.valueSerde(serdeConfigs)).withName("read-published"))
            // A deserialization failure yields no record at all; a null value is a tombstone we do not enrich.
            .filter((storyId, article) -> article != null, Named.as("drop-tombstones"))
            // A story keyed by anything but its id would break per-story ordering: it goes to the dead-letter topic.
            .mapValues((storyId, article) -> StoryKeys.requireKeyIsStoryId(storyId, article.getId(), article),
                Named.as("require-story-key"))
            // Never enrich a version older than one already enriched (a replay racing a newer version).
            .process(NewestVersionGuard::new, Named.as("newest-version-only"), DictionaryStores.VERSIONS)
            // Link entities and derive topic tags (a kill is passed on without linking).
            .mapValues(enricher::enrich, Named.as("link-entities"))
            // Count it and measure ingest-to-enriched latency.
            .processValues(() -> new EnrichedProbe(metrics), Named.as("measure-enriched"));

        // Every version, kills included, for the feed and for apps that follow the whole history.
        enriched.to(out.name(), Produced.with(out.keySerde(), out.valueSerde(serdeConfigs)).withName("write-enriched"));

        // The newest state per story; a kill becomes a tombstone.
        enriched.mapValues(story -> story.getArticle().getPubStatus() == PubStatus.canceled ? null : story,
                Named.as("kill-to-tombstone"))
            .to(latest.name(), Produced.with(latest.keySerde(), latest.valueSerde(serdeConfigs)).withName("write-latest-state"));

        return builder.build();
    }
}
