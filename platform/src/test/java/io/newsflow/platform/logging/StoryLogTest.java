package io.newsflow.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Story ids and versions on log lines: the MDC scope (through SLF4J into log4j's context data, and nothing left
 * behind), and the shipped {@code log4j2.xml} rendering them as text by default and as JSON fields on demand.
 */
class StoryLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(StoryLogTest.class);

    @AfterEach
    void clear() {
        MDC.clear();
        System.clearProperty("newsflow.log.format");
    }

    @Test
    void aLineAboutAStoryCarriesItsIdAndVersionAndTheNextLineDoesNot() {
        // Given an appender capturing what SLF4J hands to log4j
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Capture capture = new Capture();
        capture.start();
        context.getConfiguration().addAppender(capture);
        context.getConfiguration().getLoggerConfig(StoryLogTest.class.getName()).addAppender(capture, Level.ALL, null);
        context.updateLoggers();
        try {
            // When a line is logged inside a story's scope, then one inside a nested scope, then one after both
            try (StoryLog.Scope story = StoryLog.story("s-1")) {
                log.info("accepted");
                story.version(3);
                log.info("published");
                try (StoryLog.Scope inner = StoryLog.story("s-2", 7)) {
                    log.info("nested");
                }
                log.info("back");
            }
            log.info("unrelated");

            // Then each line has exactly the story it was about
            assertThat(capture.events).extracting(e -> e.getMessage().getFormattedMessage())
                .containsExactly("accepted", "published", "nested", "back", "unrelated");
            assertThat(capture.events).extracting(e -> e.getContextData().<String>getValue(StoryLog.STORY_ID))
                .containsExactly("s-1", "s-1", "s-2", "s-1", null);
            assertThat(capture.events).extracting(e -> e.getContextData().<String>getValue(StoryLog.VERSION))
                .containsExactly(null, "3", "7", "3", null);
            // And nothing is left in the MDC for the next record this thread handles
            assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
        } finally {
            context.getConfiguration().getLoggerConfig(StoryLogTest.class.getName()).removeAppender(capture.getName());
            context.updateLoggers();
        }
    }

    @Test
    void jsonLogsRenderStoryIdAndVersionAsFields() throws Exception {
        // Given the shipped configuration with newsflow.log.format=json
        System.setProperty("newsflow.log.format", "JSON");

        // When a line about a story and one about nothing in particular are logged
        List<String> lines = logThroughShippedConfig();

        // Then each is one JSON object, the story's line with storyId and version as fields
        assertThat(lines).hasSize(2);
        JsonNode story = JSON.readTree(lines.get(0));
        assertThat(story.get("message").asText()).isEqualTo("story published");
        assertThat(story.get("log.level").asText()).isEqualTo("INFO");
        assertThat(story.get("log.logger").asText()).isEqualTo("io.newsflow.test.Shipped");
        assertThat(story.get("storyId").asText()).isEqualTo("s-9");
        assertThat(story.get("version").asText()).isEqualTo("4");
        assertThat(story.has("@timestamp")).isTrue();
        JsonNode other = JSON.readTree(lines.get(1));
        assertThat(other.get("message").asText()).isEqualTo("nothing about a story");
        assertThat(other.has("storyId")).isFalse();
        assertThat(other.has("version")).isFalse();
    }

    @Test
    void textIsTheDefaultAndShowsStoryIdAndVersion() throws Exception {
        assumeTrue(System.getenv("NEWSFLOW_LOG_FORMAT") == null, "NEWSFLOW_LOG_FORMAT is set in this environment");

        List<String> lines = logThroughShippedConfig();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).doesNotStartWith("{").contains("INFO").endsWith("Shipped                  storyId=s-9 version=4 story published");
        assertThat(lines.get(1)).doesNotContain("storyId").endsWith("Shipped                  nothing about a story");
    }

    /** Starts a private logger context from the main {@code log4j2.xml}, with stderr captured, and logs two lines. */
    private static List<String> logThroughShippedConfig() throws Exception {
        URL shipped = StoryLogTest.class.getResource("/log4j2.xml");
        assertThat(shipped).as("platform ships log4j2.xml").isNotNull();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext("shipped-config-test");
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.start(new XmlConfiguration(context, ConfigurationSource.fromUri(shipped.toURI())));
            org.apache.logging.log4j.Logger logger = context.getLogger("io.newsflow.test.Shipped");
            try (StoryLog.Scope story = StoryLog.story("s-9", 4)) {
                logger.info("story published");
            }
            logger.info("nothing about a story");
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }

    /** A minimal in-memory appender. */
    private static final class Capture extends AbstractAppender {
        final List<LogEvent> events = new CopyOnWriteArrayList<>();

        Capture() {
            super("capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }
    }
}
