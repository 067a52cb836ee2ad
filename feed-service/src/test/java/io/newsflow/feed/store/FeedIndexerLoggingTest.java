package io.newsflow.feed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.newsflow.feed.FeedTopology;
import io.newsflow.feed.FeedTopologyTest;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.logging.StoryLog;
import io.newsflow.platform.registry.InMemorySchemaRegistry;
import io.newsflow.platform.streams.StreamsSettings;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** FeedIndexer's lines about a story carry its id and version in the MDC, and leave nothing behind. */
class FeedIndexerLoggingTest {

    private static final String SCOPE = "feed-indexer-logging-test";
    private static final Settings SETTINGS = FeedTopologyTest.settings(SCOPE);

    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final AbstractAppender capture = new AbstractAppender("feed-indexer-capture", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            if (event.getLoggerName().equals(FeedIndexer.class.getName())) {
                events.add(event.toImmutable());
            }
        }
    };
    private LoggerConfig loggerConfig;
    private TopologyTestDriver driver;
    private TestInputTopic<String, ArticleEnriched> enriched;

    @BeforeEach
    void start() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        capture.start();
        loggerConfig = context.getConfiguration().getLoggerConfig(FeedIndexer.class.getName());
        loggerConfig.addAppender(capture, Level.INFO, null);
        context.updateLoggers();
        Map<String, Object> serdeConfigs = CommonConfig.serdeConfigs(SETTINGS);
        driver = new TopologyTestDriver(FeedTopology.build(serdeConfigs, io.newsflow.platform.metrics.PipelineMetrics.discarding()),
            StreamsSettings.from(SETTINGS, "feed-logging-test", new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
            Instant.parse("2024-10-21T15:00:00Z"));
        var in = Topics.ARTICLES_ENRICHED;
        enriched = driver.createInputTopic(in.name(), new StringSerializer(), in.valueSerde(serdeConfigs).serializer());
    }

    @AfterEach
    void stop() {
        loggerConfig.removeAppender(capture.getName());
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        driver.close();
        InMemorySchemaRegistry.drop(SCOPE);
    }

    @Test
    void theKillLineNamesTheStoryAndVersion() {
        // Given a story in the feed
        enriched.pipeInput("s-7", story("s-7", 1, PubStatus.usable));

        // When v2 kills it
        enriched.pipeInput("s-7", story("s-7", 2, PubStatus.canceled));

        // Then the line saying so carries storyId and version in its context data
        assertThat(events).filteredOn(e -> e.getMessage().getFormattedMessage().contains("killed"))
            .singleElement().satisfies(e -> {
                assertThat(e.getContextData().<String>getValue(StoryLog.STORY_ID)).isEqualTo("s-7");
                assertThat(e.getContextData().<String>getValue(StoryLog.VERSION)).isEqualTo("2");
            });
        // And the thread that processed it keeps no story in its MDC
        assertThat(MDC.get(StoryLog.STORY_ID)).isNull();
        assertThat(MDC.get(StoryLog.VERSION)).isNull();
    }

    private static ArticleEnriched story(String id, int version, PubStatus status) {
        ArticlePublished article = ArticlePublished.newBuilder()
            .setId(id).setVersion(version).setSource("test").setLanguage("en").setHeadline("Headline " + version)
            .setBody("Body").setByline(null).setLabels(List.of()).setUrgency(5).setEmbargoUntil(null)
            .setPublishedAt(Instant.parse("2024-10-21T12:00:00Z"))
            .setIngestedAt(Instant.parse("2024-10-21T12:00:01Z")).setPubStatus(status).build();
        return ArticleEnriched.newBuilder().setArticle(article).setEntities(List.of()).setTags(List.of())
            .setEnrichedAt(Instant.parse("2024-10-21T12:00:02Z")).build();
    }
}
