package io.newsflow.feed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.feed.FeedConfig;
import io.newsflow.feed.FeedTopology;
import io.newsflow.feed.FeedTopologyTest;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.metrics.PipelineMetrics;
import io.newsflow.platform.registry.InMemorySchemaRegistry;
import io.newsflow.platform.streams.StreamsSettings;
import io.newsflow.schemas.ArticleEnriched;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedRocksDbMemoryTest {

    private static final String SCOPE = "shared-rocksdb-memory-test";

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.drop(SCOPE);
    }

    @Test
    void everyFeedStoreOpensOnTheSharedCacheAndStillServesItsData() {
        Settings settings = settings(Map.of());
        Properties props = StreamsSettings.from(settings, "shared-cache-test", new SimpleMeterRegistry());
        SharedRocksDbMemory.install(props, settings);
        int before = SharedRocksDbMemory.storesConfigured();

        try (TopologyTestDriver driver = driver(settings, props)) {
            assertThat(SharedRocksDbMemory.storesConfigured() - before).isEqualTo(FeedStores.PERSISTENT.size());

            ArticleEnriched story = FeedTopologyTest.story("cached", 1, "2024-10-21T12:00:00Z");
            Map<String, Object> serdeConfigs = CommonConfig.serdeConfigs(settings);
            driver.createInputTopic(Topics.ARTICLES_ENRICHED.name(), new StringSerializer(),
                    Topics.ARTICLES_ENRICHED.valueSerde(serdeConfigs).serializer())
                .pipeInput(story.getArticle().getId(), story);
            assertThat(driver.<String, ArticleEnriched>getKeyValueStore(FeedStores.ARTICLES).get(story.getArticle().getId()))
                .isEqualTo(story);
        }
    }

    @Test
    void aCacheSizeOfZeroLeavesKafkaStreamsItsCachePerStore() {
        Settings settings = settings(Map.of(SharedRocksDbMemory.BLOCK_CACHE_BYTES_CONFIG, "0"));
        Properties props = StreamsSettings.from(settings, "per-store-cache-test", new SimpleMeterRegistry());
        SharedRocksDbMemory.install(props, settings);

        assertThat(props).doesNotContainKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);
        int before = SharedRocksDbMemory.storesConfigured();
        try (TopologyTestDriver ignored = driver(settings, props)) {
            assertThat(SharedRocksDbMemory.storesConfigured()).isEqualTo(before);
        }
    }

    private static Settings settings(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(Map.of(
            CommonConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
            CommonConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
            CommonConfig.AUTO_REGISTER_SCHEMAS_CONFIG, "true",
            CommonConfig.TOPIC_REPLICATION_FACTOR_CONFIG, "1"));
        all.putAll(overrides);
        return FeedConfig.load(all);
    }

    private static TopologyTestDriver driver(Settings settings, Properties props) {
        return new TopologyTestDriver(FeedTopology.build(CommonConfig.serdeConfigs(settings), PipelineMetrics.discarding()),
            props, Instant.parse("2024-10-21T15:00:00Z"));
    }
}
