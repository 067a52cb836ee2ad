package io.newsflow.feed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.newsflow.feed.FeedTopologyTest;
import io.newsflow.feed.http.FeedViews;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.metrics.PipelineMetrics;
import io.newsflow.platform.registry.InMemorySchemaRegistry;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.StoryHistory;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the in-memory index is rebuilt from when a task starts on stores that already hold stories. */
class FeedIndexRebuildTest {

    private static final String SCOPE = "feed-index-rebuild-test";
    private static final Settings SETTINGS = FeedTopologyTest.settings(SCOPE);

    private final MockProcessorContext<String, ArticleEnriched> context = new MockProcessorContext<>(new Properties());
    private KeyValueStore<Bytes, String> timeline;
    private KeyValueStore<String, ArticleEnriched> articles;
    private FeedIndexStore index;

    @BeforeEach
    void openStores() {
        Map<String, Object> serdeConfigs = CommonConfig.serdeConfigs(SETTINGS);
        articles = open(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FeedStores.ARTICLES), Serdes.String(),
            Topics.ARTICLES_ENRICHED.valueSerde(serdeConfigs)));
        open(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FeedStores.HISTORY), Serdes.String(),
            io.newsflow.platform.serde.AvroSerde.forValues(StoryHistory.class, serdeConfigs)));
        timeline = open(bytesToString(FeedStores.TIMELINE));
        open(bytesToString(FeedStores.EMBARGOES));
        index = FeedIndexStore.builder(FeedStores.INDEX).build();
        index.init(context.getStateStoreContext(), index);
        context.addStateStore(index);
    }

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.drop(SCOPE);
    }

    @Test
    void theIndexIsRebuiltFromTheFeedItemsInTheTimeline() {
        ArticleEnriched older = FeedTopologyTest.story("older", 1, "2024-10-21T09:00:00Z");
        older.setTags(List.of("Conflict"));
        ArticleEnriched newer = FeedTopologyTest.story("newer", 1, "2024-10-21T10:00:00Z");
        newer.setTags(List.of("conflict", "economy"));
        newer.getArticle().setUrgency(1);
        for (ArticleEnriched story : List.of(older, newer)) {
            timeline.put(FeedIndexer.timelineKey(story), FeedViews.ITEM_FORMAT.render(story));
        }

        new FeedIndexer(PipelineMetrics.discarding(), FeedViews.ITEM_FORMAT, TimelineWrites.NONE).init(context);

        assertThat(storiesUnder("t:conflict")).containsExactly("newer", "older");
        assertThat(storiesUnder("t:economy")).containsExactly("newer");
        assertThat(storiesUnder("u:1")).containsExactly("newer");
        assertThat(storiesUnder("u:5")).containsExactly("older");
        assertThat(index.terms()).containsExactlyInAnyOrder("s:test", "l:en", "u:1", "u:5", "t:conflict", "t:economy");
    }

    @Test
    void aTimelineOfManyBatchesIsIndexedNewestFirst() {
        int stories = 4_501; // three batches of parsing and a partial one
        List<String> newestFirst = new ArrayList<>();
        for (int n = 0; n < stories; n++) {
            ArticleEnriched story = FeedTopologyTest.story("s" + n, 1, java.time.Instant.parse("2024-10-01T00:00:00Z").plusSeconds(60L * n).toString());
            story.setTags(List.of(n % 2 == 0 ? "even" : "odd"));
            timeline.put(FeedIndexer.timelineKey(story), n == 4_000 ? "s" + n : FeedViews.ITEM_FORMAT.render(story));
            if (n == 4_000) {
                articles.put("s" + n, story); // one entry of an older store, among items
            }
            newestFirst.add(0, "s" + n);
        }

        new FeedIndexer(PipelineMetrics.discarding(), FeedViews.ITEM_FORMAT, TimelineWrites.NONE).init(context);

        assertThat(storiesUnder("l:en")).containsExactlyElementsOf(newestFirst);
        assertThat(storiesUnder("t:even")).hasSize(2_251).contains("s4000").first().isEqualTo("s4500");
        assertThat(storiesUnder("t:odd")).hasSize(2_250);
    }

    @Test
    void timelineEntriesOfOlderStoresHoldingAStoryIdAreIndexedFromTheirStory() {
        ArticleEnriched story = FeedTopologyTest.story("legacy", 3, "2024-10-21T11:00:00Z");
        story.setTags(List.of("diplomacy"));
        articles.put("legacy", story);
        timeline.put(FeedIndexer.timelineKey(story), "legacy");
        ArticleEnriched moved = FeedTopologyTest.story("moved", 2, "2024-10-21T12:00:00Z");
        articles.put("moved", moved);
        // An entry left behind at the moved story's earlier slot is not indexed.
        timeline.put(new TimelineKey(java.time.Instant.parse("2024-10-21T08:00:00Z"), "moved").toBytes(), "moved");

        new FeedIndexer(PipelineMetrics.discarding(), FeedViews.ITEM_FORMAT, TimelineWrites.NONE).init(context);

        assertThat(storiesUnder("t:diplomacy")).containsExactly("legacy");
        assertThat(storiesUnder("l:en")).containsExactly("legacy");
    }

    private List<String> storiesUnder(String term) {
        List<String> ids = new ArrayList<>();
        index.newestFirst(term, null).forEachRemaining(key -> ids.add(TimelineKey.fromBytes(Bytes.wrap(key)).storyId()));
        return ids;
    }

    private static StoreBuilder<KeyValueStore<Bytes, String>> bytesToString(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.String());
    }

    private <S extends StateStore> S open(StoreBuilder<S> builder) {
        S store = builder.withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
