package io.newsflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.newsflow.feed.store.FeedStores;
import io.newsflow.feed.store.TimelineKey;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.registry.InMemorySchemaRegistry;
import io.newsflow.platform.streams.StreamsSettings;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedTopologyTest {

    private static final String SCOPE = "feed-topology-test";
    private static final Settings SETTINGS = Settings.of(Map.of(
        CommonConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
        CommonConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
        CommonConfig.AUTO_REGISTER_SCHEMAS_CONFIG, "true",
        CommonConfig.TOPIC_REPLICATION_FACTOR_CONFIG, "1"));

    private TopologyTestDriver driver;
    private TestInputTopic<String, ArticleEnriched> enriched;

    @BeforeEach
    void startTopology() {
        Map<String, Object> serdeConfigs = CommonConfig.serdeConfigs(SETTINGS);
        driver = new TopologyTestDriver(FeedTopology.build(serdeConfigs), StreamsSettings.from(SETTINGS, "feed-test"));
        var in = Topics.ARTICLES_ENRICHED;
        enriched = driver.createInputTopic(in.name(), new StringSerializer(), in.valueSerde(serdeConfigs).serializer());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
        InMemorySchemaRegistry.drop(SCOPE);
    }

    @Test
    void timelineScansNewestFirstRegardlessOfArrivalOrder() {
        pipe(story("older", 1, "2024-10-21T09:00:00Z"));
        pipe(story("newest", 1, "2024-10-21T17:56:00Z"));
        pipe(story("middle", 1, "2024-10-21T12:00:00Z"));

        assertThat(timelineIds()).containsExactly("newest", "middle", "older");
    }

    @Test
    void storiesPublishedAtTheSameMillisecondAreOrderedById() {
        pipe(story("b", 1, "2024-10-21T12:00:00Z"));
        pipe(story("a", 1, "2024-10-21T12:00:00Z"));

        assertThat(timelineIds()).containsExactly("a", "b");
    }

    @Test
    void aNewerVersionReplacesTheOldOneInBothStores() {
        pipe(story("s", 1, "2024-10-21T12:00:00Z"));
        pipe(story("s", 2, "2024-10-21T13:00:00Z"));

        assertThat(timelineIds()).containsExactly("s");
        assertThat(timelineTimes()).containsExactly(Instant.parse("2024-10-21T13:00:00Z"));
        assertThat(articles().get("s").getArticle().getVersion()).isEqualTo(2);
    }

    @Test
    void anOlderVersionArrivingLateIsIgnored() {
        pipe(story("s", 3, "2024-10-21T13:00:00Z"));
        pipe(story("s", 2, "2024-10-21T12:00:00Z"));

        assertThat(articles().get("s").getArticle().getVersion()).isEqualTo(3);
        assertThat(timelineTimes()).containsExactly(Instant.parse("2024-10-21T13:00:00Z"));
    }

    @Test
    void aTombstoneRemovesTheStory() {
        pipe(story("s", 1, "2024-10-21T12:00:00Z"));
        enriched.pipeInput("s", (ArticleEnriched) null);

        assertThat(timelineIds()).isEmpty();
        assertThat(articles().get("s")).isNull();
    }

    private void pipe(ArticleEnriched story) {
        enriched.pipeInput(story.getArticle().getId(), story);
    }

    private KeyValueStore<String, ArticleEnriched> articles() {
        return driver.getKeyValueStore(FeedStores.ARTICLES);
    }

    private List<TimelineKey> timeline() {
        KeyValueStore<Bytes, String> store = driver.getKeyValueStore(FeedStores.TIMELINE);
        List<TimelineKey> keys = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> keys.add(TimelineKey.fromBytes(entry.key)));
        }
        return keys;
    }

    private List<String> timelineIds() {
        return timeline().stream().map(TimelineKey::storyId).toList();
    }

    private List<Instant> timelineTimes() {
        return timeline().stream().map(TimelineKey::publishedAt).toList();
    }

    static ArticleEnriched story(String id, int version, String publishedAt) {
        Instant at = Instant.parse(publishedAt);
        ArticlePublished article = ArticlePublished.newBuilder()
            .setId(id).setVersion(version).setSource("test").setLanguage("en")
            .setHeadline("Headline of " + id + " v" + version).setBody("Body").setByline(null).setLabels(List.of())
            .setUrgency(5).setPubStatus(PubStatus.usable).setEmbargoUntil(null)
            .setPublishedAt(at).setIngestedAt(at)
            .build();
        return ArticleEnriched.newBuilder().setArticle(article).setEntities(List.of()).setTags(List.of()).setEnrichedAt(at).build();
    }
}
