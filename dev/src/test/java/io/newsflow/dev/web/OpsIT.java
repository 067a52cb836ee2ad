package io.newsflow.dev.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.dev.DevStack;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What an ops engineer sees: every service's {@code /metrics} with the lag, latency, throughput and Streams series
 * after real stories went through, and the lag page in headless Chromium, with the pipeline's groups caught up
 * and a downstream group that fell behind shown with its lag, its trend and no catch-up estimate.
 * With {@code -Dnewsflow.screenshot.dir=DIR} it saves {@code DIR/lag-page.png}.
 */
@ExtendWith(LatestNewsPageIT.ChromiumInstalled.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsIT {

    private static final Duration PIPELINE = Duration.ofSeconds(45);
    /** A downstream app's group that stopped at offset 0 of articles.enriched. */
    private static final String LAGGARD = "ops-it-downstream-archive";
    private static final Map<String, String> SETTINGS = Map.of(
        "lag.sample.interval.ms", "500",
        "ops.lag.groups", "newsflow-enrich,newsflow-feed," + LAGGARD);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> storyIds = new ArrayList<>();

    private Path dataDirectory;
    private Path browserProfile;
    private DevStack stack;
    private WebDriver driver;

    @BeforeAll
    void startStackAndBrowser() throws Exception {
        SETTINGS.forEach(System::setProperty);
        dataDirectory = Files.createTempDirectory("newsflow-ops");
        stack = DevStack.start(new DevStack.Options(dataDirectory, DevStack.Ports.random(), Optional.of(KAFKA.bootstrapServers()), false));
        for (String name : SampleStories.names()) {
            ObjectNode story = (ObjectNode) JSON.readTree(SampleStories.json(name));
            storyIds.add(story.get("id").asText());
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/articles"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(story.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        }
        await().atMost(PIPELINE).until(() -> storyIds.stream().allMatch(id -> status(stack.feedUrl().resolve("/articles/" + id)) == 200));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            for (int partition = 0; partition < 3; partition++) {
                admin.alterConsumerGroupOffsets(LAGGARD, Map.of(new TopicPartition(Topics.ARTICLES_ENRICHED.name(), partition),
                    new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
            }
        }

        browserProfile = Files.createTempDirectory("newsflow-chromium-ops");
        driver = HeadlessChromium.start(browserProfile, 1280, 1800, Map.of());
    }

    @AfterAll
    void stopBrowserAndStack() {
        SETTINGS.keySet().forEach(System::clearProperty);
        if (driver != null) {
            driver.quit();
        }
        if (stack != null) {
            stack.close();
        }
        KafkaBrokerExtension.Directories.deleteRecursively(dataDirectory);
        if (browserProfile != null) {
            KafkaBrokerExtension.Directories.deleteRecursively(browserProfile);
        }
    }

    @Test
    void everyServiceExportsLagLatencyThroughputAndStreamsState() {
        await().atMost(PIPELINE).untilAsserted(() -> {
            String enrich = text(stack.enrichUrl().resolve("/metrics"));
            assertThat(enrich).containsPattern("kafka_consumergroup_group_lag\\{group=\"newsflow-enrich\",partition=\"\\d\",service=\"enrich-service\",topic=\"articles.published\"} 0\\.0");
            assertThat(enrich).containsPattern("kafka_consumergroup_group_lag_seconds\\{group=\"newsflow-enrich\",[^}]*topic=\"articles.published\"} 0\\.0");
            assertThat(enrich).containsPattern("kafka_consumergroup_group_max_lag\\{group=\"newsflow-enrich\",service=\"enrich-service\"} 0\\.0");
            assertThat(enrich).containsPattern("(?m)newsflow_pipeline_latency_seconds_count\\{service=\"enrich-service\",stage=\"enriched\"} " + storyIds.size() + "$");
            assertThat(enrich).containsPattern("newsflow_pipeline_latency_seconds_bucket\\{service=\"enrich-service\",stage=\"enriched\",le=\"");
            assertThat(enrich).containsPattern("newsflow_stories_total\\{outcome=\"enriched\",service=\"enrich-service\"} " + storyIds.size() + "\\.0");
            assertThat(enrich).contains("newsflow_streams_state{service=\"enrich-service\",state=\"RUNNING\"} 1.0");

            String feed = text(stack.feedUrl().resolve("/metrics"));
            assertThat(feed).containsPattern("kafka_consumergroup_group_lag\\{group=\"newsflow-feed\",[^}]*topic=\"articles.enriched\"} 0\\.0");
            assertThat(feed).doesNotContain("group=\"newsflow-enrich\"");
            assertThat(feed).containsPattern("(?m)newsflow_pipeline_latency_seconds_count\\{service=\"feed-service\",stage=\"visible\"} " + storyIds.size() + "$");
            assertThat(feed).containsPattern("newsflow_stories_total\\{outcome=\"indexed\",service=\"feed-service\"} " + storyIds.size() + "\\.0");
            assertThat(feed).containsPattern("newsflow_streams_restore_remaining_records\\{service=\"feed-service\",store=\"[a-z-]+\"} 0\\.0");

            String ingest = text(stack.ingestUrl().resolve("/metrics"));
            String all = enrich + feed + ingest;
            // every series the Grafana dashboard queries is really exported by some service
            for (String metric : dashboardMetrics()) {
                assertThat(all).as("dashboard metric %s", metric).containsPattern("(?m)^" + metric + "(_bucket|_count|_sum)?[{ ]");
            }
            assertThat(ingest).containsPattern("newsflow_stories_total\\{outcome=\"published\",service=\"ingest-service\"} " + storyIds.size() + "\\.0");
        });
    }

    @Test
    void theLagPageChartsEveryGroupAndFlagsTheOneThatFellBehind() throws IOException {
        driver.get(stack.feedUrl().resolve("/ops/lag").toString());
        WebDriverWait wait = new WebDriverWait(driver, PIPELINE);
        // The page redraws its sections on every poll, so an element read a moment ago can be gone: read again.
        wait.ignoring(StaleElementReferenceException.class);
        // Two samples at least, so the lines and the trend have something to go on
        wait.until(d -> d.findElements(By.cssSelector("section.group")).size() == 3
            && d.findElements(By.cssSelector("section.group polyline")).stream()
                .allMatch(line -> line.getAttribute("points").split(" ").length >= 2));

        wait.until(d -> {
            WebElement enrich = group("newsflow-enrich");
            assertThat(enrich.findElements(By.cssSelector("tbody tr"))).hasSize(3); // articles.published; no replay ran
            assertThat(enrich.findElements(By.cssSelector("td.lag"))).extracting(WebElement::getText).containsOnly("0");
            assertThat(enrich.findElements(By.cssSelector("td.eta"))).extracting(WebElement::getText).containsOnly("caught up");
            assertThat(group("newsflow-feed").findElements(By.cssSelector("td.eta"))).extracting(WebElement::getText)
                .containsOnly("caught up");

            WebElement laggard = group(LAGGARD);
            List<String> lags = laggard.findElements(By.cssSelector("td.lag")).stream().map(WebElement::getText).toList();
            // every enriched story plus the transaction markers between them: offsets, as kafka-lag-exporter counts
            assertThat(lags.stream().mapToInt(Integer::parseInt).sum()).isGreaterThanOrEqualTo(storyIds.size());
            assertThat(laggard.findElement(By.cssSelector(".summary")).getText()).startsWith("max lag ");
            assertThat(laggard.findElements(By.cssSelector("tbody tr")).stream()
                .filter(row -> !row.findElement(By.cssSelector("td.lag")).getText().equals("0"))
                .map(row -> row.findElement(By.cssSelector("td.eta")).getText())).containsOnly("not catching up");
            assertThat(laggard.findElements(By.cssSelector("svg.chart"))).hasSize(2);
            return true;
        });

        String screenshotDir = System.getProperty("newsflow.screenshot.dir");
        if (screenshotDir != null && !screenshotDir.isBlank()) {
            Path file = Path.of(screenshotDir).resolve("lag-page.png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            System.err.println("Saved a screenshot of the lag page to " + file.toAbsolutePath());
        }
    }

    /** Metric names the provisioned Grafana dashboard's queries use. */
    private static Set<String> dashboardMetrics() throws IOException {
        String dashboard = Files.readString(Path.of("..", "ops", "grafana", "dashboards", "newsflow.json"));
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\b((?:kafka|newsflow|http|jvm|cache)_[a-z_]+)\\b").matcher(dashboard);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        assertThat(names).as("metrics in the dashboard").hasSizeGreaterThan(5);
        return names;
    }

    private WebElement group(String name) {
        return driver.findElements(By.cssSelector("section.group")).stream()
            .filter(section -> name.equals(section.getAttribute("data-group"))).findFirst().orElseThrow();
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String text(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
