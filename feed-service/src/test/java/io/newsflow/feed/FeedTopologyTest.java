package io.newsflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.newsflow.feed.http.FeedViews;
import io.newsflow.feed.store.FeedIndexer;
import io.newsflow.feed.store.FeedRetention;
import io.newsflow.feed.store.FeedIndexStore;
import io.newsflow.feed.store.FeedStores;
import io.newsflow.feed.store.TimelineKey;
import io.newsflow.feed.store.TimelineWrites;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.registry.InMemorySchemaRegistry;
import io.newsflow.platform.streams.StreamsSettings;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import io.newsflow.schemas.StoryHistory;
import io.newsflow.schemas.VersionSummary;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class FeedTopologyTest {

    private static final String SCOPE = "feed-topology-test";
    private static final Settings SETTINGS = settings(SCOPE);

    private static final Instant WALL_CLOCK_START = Instant.parse("2024-10-21T15:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, ArticleEnriched> enriched;
    private TestOutputTopic<String, ArticleEnriched> events;

    @BeforeEach
    void startTopology() {
        startTopology(FeedRetention.KEEP_ALL);
    }

    private void startTopology(FeedRetention retention) {
        Map<String, Object> serdeConfigs = CommonConfig.serdeConfigs(SETTINGS);
        driver = new TopologyTestDriver(FeedTopology.build(serdeConfigs, io.newsflow.platform.metrics.PipelineMetrics.discarding(),
                TimelineWrites.NONE, retention),
            StreamsSettings.from(SETTINGS, "feed-test", new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), WALL_CLOCK_START);
        var in = Topics.ARTICLES_ENRICHED;
        enriched = driver.createInputTopic(in.name(), new StringSerializer(), in.valueSerde(serdeConfigs).serializer());
        events = driver.createOutputTopic(Topics.FEED_EVENTS.name(), new org.apache.kafka.common.serialization.StringDeserializer(),
            Topics.FEED_EVENTS.valueSerde(serdeConfigs).deserializer());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
        InMemorySchemaRegistry.drop(SCOPE);
    }

    @Test
    void storiesOlderThanTheRetentionLeaveEveryStoreAndTheLiveStream() {
        driver.close();
        startTopology(new FeedRetention(Duration.ofDays(30), 0));
        pipe(withTags(story("september", 1, "2024-09-01T08:00:00Z"), "conflict"));
        pipe(withTags(story("october", 1, "2024-10-10T08:00:00Z"), "conflict"));
        events.readKeyValuesToList();

        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(timelineIds()).containsExactly("october");
        assertThat(indexKeys()).isNotEmpty().noneMatch(key -> key.contains("september"));
        assertThat(articles().get("september")).isNull();
        assertThat(history().get("september")).isNull();
        var left = events.readKeyValuesToList();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).key).isEqualTo("september");
        assertThat(left.get(0).value).isNull();

        // Age is counted against the wall clock, so the October story goes 30 days after its slot.
        driver.advanceWallClockTime(Duration.ofDays(20));

        assertThat(timelineIds()).isEmpty();
        assertThat(indexKeys()).isEmpty();
        assertThat(articles().get("october")).isNull();
    }

    @Test
    void withheldStoriesOlderThanTheRetentionAreRemovedToo() {
        driver.close();
        startTopology(new FeedRetention(Duration.ofDays(30), 0));
        pipeWithheld("withheld-september", "2024-09-01T08:00:00Z");
        pipeWithheld("withheld-october", "2024-10-10T08:00:00Z");
        pipe(story("october", 1, "2024-10-10T09:00:00Z"));
        events.readKeyValuesToList();

        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(storedIds("withheld-september", "withheld-october", "october")).containsExactly("withheld-october", "october");
        assertThat(history().get("withheld-september")).isNull();
        assertThat(timelineIds()).containsExactly("october");
        // It was never in the feed, so the live stream hears nothing about it leaving.
        assertThat(events.readKeyValuesToList()).isEmpty();

        driver.advanceWallClockTime(Duration.ofDays(20));

        assertThat(storedIds("withheld-october", "october")).isEmpty();
        assertThat(history().get("withheld-october")).isNull();
    }

    @Test
    void theSweepForWithheldStoriesGoesOnWhereTheLastRoundStopped() {
        driver.close();
        startTopology(new FeedRetention(Duration.ofDays(30), 0));
        // A round examines RETENTION_BATCH stories in id order: the first round sees only these recent ones...
        for (int n = 0; n < FeedIndexer.RETENTION_BATCH; n++) {
            pipeWithheld(String.format("a-recent-%05d", n), "2024-10-20T08:00:00Z");
        }
        // ...so these, past the limit but later in id order, wait for the second.
        pipeWithheld("z-old-1", "2024-09-01T08:00:00Z");
        pipeWithheld("z-old-2", "2024-09-02T08:00:00Z");

        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(storedIds("a-recent-00000", "z-old-1", "z-old-2")).containsExactly("a-recent-00000", "z-old-1", "z-old-2");

        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(storedIds("a-recent-00000", "z-old-1", "z-old-2")).containsExactly("a-recent-00000");
    }

    @Test
    void theCountLimitLeavesWithheldStoriesAlone() {
        driver.close();
        startTopology(new FeedRetention(Duration.ZERO, 1));
        pipeWithheld("withheld", "2024-09-01T08:00:00Z");
        pipe(story("older", 1, "2024-10-10T08:00:00Z"));
        pipe(story("newer", 1, "2024-10-10T09:00:00Z"));

        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(timelineIds()).containsExactly("newer");
        assertThat(storedIds("withheld", "older")).containsExactly("withheld");
    }

    @Test
    void aPartitionKeepsOnlyItsNewestStoriesBeyondTheCountLimit() {
        driver.close();
        startTopology(new FeedRetention(Duration.ZERO, 2));
        pipe(story("nine", 1, "2024-10-21T09:00:00Z"));
        pipe(story("ten", 1, "2024-10-21T10:00:00Z"));
        pipe(story("eleven", 1, "2024-10-21T11:00:00Z"));

        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(timelineIds()).containsExactly("eleven", "ten");
        assertThat(articles().get("nine")).isNull();

        // A late story older than all the others is the first to go; a newer one pushes out the oldest kept.
        pipe(story("eight", 1, "2024-10-21T08:00:00Z"));
        pipe(story("noon", 1, "2024-10-21T12:00:00Z"));
        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(timelineIds()).containsExactly("noon", "eleven");
        assertThat(articles().get("eight")).isNull();
        assertThat(articles().get("ten")).isNull();
        assertThat(indexKeys()).hasSize(2 * 3).noneMatch(key -> key.contains("ten") || key.contains("eight"));

        // A kill frees a place: the count follows stories leaving by other ways too.
        pipe(withStatus(story("noon", 2, "2024-10-21T12:00:00Z"), PubStatus.canceled));
        pipe(story("seven", 1, "2024-10-21T07:00:00Z"));
        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(timelineIds()).containsExactly("eleven", "seven");
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
    void theTimelineHoldsEachStorysCurrentFeedItemRenderedAsTheApiServesIt() throws Exception {
        ArticleEnriched first = story("s", 1, "2024-10-21T12:00:00Z");
        pipe(first);
        ArticleEnriched corrected = story("s", 2, "2024-10-21T12:00:00Z");
        corrected.getArticle().setHeadline("Corrected headline");
        pipe(corrected);

        KeyValueStore<Bytes, String> store = driver.getKeyValueStore(FeedStores.TIMELINE);
        String item = store.get(new TimelineKey(Instant.parse("2024-10-21T12:00:00Z"), "s").toBytes());
        assertThat(item).isEqualTo(FeedViews.itemJson(corrected));
        assertThat(Json.mapper().readTree(item).path("headline").asText()).isEqualTo("Corrected headline");
        assertThat(Json.mapper().readTree(item).path("version").asInt()).isEqualTo(2);
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

    @Test
    void anUpdateKeepsItsOriginalSlotUnlessReTopped() {
        // Given v1 placed at 12:00, and v2 published at 13:00 that keeps the v1 slot (as ingest sets displayAt)
        pipe(story("s", 1, "2024-10-21T12:00:00Z"));
        pipe(story("other", 1, "2024-10-21T12:30:00Z"));
        pipe(withDisplayAt(story("s", 2, "2024-10-21T13:00:00Z"), "2024-10-21T12:00:00Z"));

        // Then s stays below the 12:30 story
        assertThat(timelineIds()).containsExactly("other", "s");

        // When v3 is re-topped to 14:00
        pipe(withDisplayAt(story("s", 3, "2024-10-21T14:00:00Z"), "2024-10-21T14:00:00Z"));

        // Then it leads the feed
        assertThat(timelineIds()).containsExactly("s", "other");
    }

    @Test
    void aKillRemovesTheStoryFromEveryViewAndKeepsItInTheVersionChain() {
        pipe(story("s", 1, "2024-10-21T12:00:00Z"));
        assertThat(indexKeys()).isNotEmpty();

        pipe(withStatus(story("s", 2, "2024-10-21T12:00:00Z"), PubStatus.canceled));

        // live subscribers saw it arrive, then a tombstone when it was killed
        var live = events.readKeyValuesToList();
        assertThat(live).extracting(kv -> kv.key).containsExactly("s", "s");
        assertThat(live.get(1).value).isNull();
        assertThat(timelineIds()).isEmpty();
        assertThat(indexKeys()).isEmpty();
        assertThat(articles().get("s")).isNull();
        StoryHistory chain = history().get("s");
        assertThat(chain.getVersions()).extracting(VersionSummary::getVersion).containsExactly(1, 2);
        assertThat(chain.getVersions().get(1).getPubStatus()).isEqualTo(PubStatus.canceled);
        assertThat(chain.getVersions().get(1).getChanges()).contains("pubStatus");
    }

    @Test
    void aWithheldStoryIsKeptButNotShown() {
        pipe(withStatus(story("s", 1, "2024-10-21T12:00:00Z"), PubStatus.withheld));

        assertThat(timelineIds()).isEmpty();
        assertThat(articles().get("s")).isNotNull();
    }

    @Test
    void anEmbargoedStoryAppearsByItselfWhenTheWallClockPassesTheEmbargo() {
        // Given a story embargoed until ten seconds after the (controlled) wall clock
        Instant embargo = WALL_CLOCK_START.plusSeconds(10);
        pipe(withEmbargo(story("held", 1, "2024-10-21T14:00:00Z"), embargo));
        pipe(story("routine", 1, "2024-10-21T13:00:00Z"));

        // Then it is stored but not in the feed
        assertThat(articles().get("held")).isNotNull();
        assertThat(timelineIds()).containsExactly("routine");

        // When the wall clock moves to one second before the embargo, nothing changes
        driver.advanceWallClockTime(Duration.ofSeconds(9));
        assertThat(timelineIds()).containsExactly("routine");

        // When it moves past the embargo, the punctuator releases the story without any new record
        assertThat(events.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("routine");
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(timelineIds()).containsExactly("held", "routine");

        // and live subscribers hear about it
        assertThat(events.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("held");
    }

    @Test
    void anEmbargoLiftedByAnUpdateReleasesTheStoryAtOnce() {
        pipe(withEmbargo(story("held", 1, "2024-10-21T14:00:00Z"), WALL_CLOCK_START.plusSeconds(3600)));
        assertThat(timelineIds()).isEmpty();

        pipe(story("held", 2, "2024-10-21T14:00:00Z"));

        assertThat(timelineIds()).containsExactly("held");
        driver.advanceWallClockTime(Duration.ofHours(2));
        assertThat(timelineIds()).containsExactly("held");
    }

    @Test
    void theVersionChainNamesWhatChanged() {
        pipe(story("s", 1, "2024-10-21T12:00:00Z"));
        ArticleEnriched v2 = story("s", 2, "2024-10-21T12:00:00Z");
        v2.getArticle().setHeadline("A corrected headline");
        v2.getArticle().setUrgency(2);
        v2.getArticle().setEditorNote("Corrected the name of the minister");
        pipe(v2);

        List<VersionSummary> versions = history().get("s").getVersions();
        assertThat(versions.get(0).getChanges()).containsExactly("first version");
        assertThat(versions.get(1).getChanges()).containsExactly("headline", "urgency");
        assertThat(versions.get(1).getEditorNote()).isEqualTo("Corrected the name of the minister");
    }

    @Test
    void theIndexFollowsTheNewestVersion() {
        ArticleEnriched v1 = story("s", 1, "2024-10-21T12:00:00Z");
        v1.setTags(List.of("north korea"));
        pipe(v1);
        assertThat(indexKeys()).anySatisfy(key -> assertThat(key).startsWith("t:north korea"));

        ArticleEnriched v2 = story("s", 2, "2024-10-21T12:00:00Z");
        v2.setTags(List.of("texas"));
        pipe(v2);

        assertThat(indexKeys()).noneSatisfy(key -> assertThat(key).startsWith("t:north korea"));
        assertThat(indexKeys()).anySatisfy(key -> assertThat(key).startsWith("t:texas"));
        assertThat(indexKeys()).anySatisfy(key -> assertThat(key).startsWith("u:5"));
    }

    private KeyValueStore<String, StoryHistory> history() {
        return driver.getKeyValueStore(FeedStores.HISTORY);
    }

    /** Every index entry as {@code <term> <story id>}. */
    private List<String> indexKeys() {
        FeedIndexStore index = (FeedIndexStore) driver.getStateStore(FeedStores.INDEX);
        List<String> keys = new ArrayList<>();
        for (String term : index.terms()) {
            index.newestFirst(term, null).forEachRemaining(key ->
                keys.add(term + " " + TimelineKey.fromBytes(Bytes.wrap(key)).storyId()));
        }
        return keys;
    }

    private static ArticleEnriched withDisplayAt(ArticleEnriched story, String displayAt) {
        story.getArticle().setDisplayAt(Instant.parse(displayAt));
        return story;
    }

    private static ArticleEnriched withTags(ArticleEnriched story, String... tags) {
        story.setTags(List.of(tags));
        return story;
    }

    private static ArticleEnriched withStatus(ArticleEnriched story, PubStatus status) {
        story.getArticle().setPubStatus(status);
        return story;
    }

    private static ArticleEnriched withEmbargo(ArticleEnriched story, Instant embargoUntil) {
        story.getArticle().setEmbargoUntil(embargoUntil);
        return story;
    }

    private void pipe(ArticleEnriched story) {
        enriched.pipeInput(story.getArticle().getId(), story);
    }

    private void pipeWithheld(String id, String publishedAt) {
        pipe(withStatus(story(id, 1, publishedAt), PubStatus.withheld));
    }

    /** Which of {@code ids} the {@code articles} store still holds, in the order given. */
    private List<String> storedIds(String... ids) {
        return java.util.Arrays.stream(ids).filter(id -> articles().get(id) != null).toList();
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

    /** Settings for a topology run without a broker, its schemas in an in-memory registry named {@code scope}. */
    public static Settings settings(String scope) {
        return Settings.of(Map.of(
            CommonConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
            CommonConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + scope,
            CommonConfig.AUTO_REGISTER_SCHEMAS_CONFIG, "true",
            CommonConfig.TOPIC_REPLICATION_FACTOR_CONFIG, "1"));
    }

    public static ArticleEnriched story(String id, int version, String publishedAt) {
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
