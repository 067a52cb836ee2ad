package io.newsflow.dev.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.dev.DevStack;
import io.newsflow.testkit.KafkaBrokerExtension;
import io.newsflow.testkit.SampleStories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The latest-news page feed-service serves at {@code /}, in a real headless Chromium against the running
 * pipeline: the sample stories grouped by day in the reader's time zone, a story sliding in live, a newer
 * version replacing it in place and a kill removing it, entity chips filtering both the column and the live
 * stream, and a hostile headline shown as text.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them); skipped with a
 * message where they are missing. The driver and browser are given explicitly, so Selenium Manager never
 * downloads anything. The browser runs in Europe/Kyiv so reader-local times are checked against known values.
 * With {@code -Dnewsflow.screenshot.dir=DIR} the first test also saves {@code DIR/latest-news.png}.
 */
@ExtendWith(LatestNewsPageIT.ChromiumInstalled.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LatestNewsPageIT {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String READER_TIME_ZONE = "Europe/Kyiv";
    private static final Duration PIPELINE = Duration.ofSeconds(45);
    private static final String HOSTILE_HEADLINE = "<img src=x onerror=alert(1)>";

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> sampleIds = new ArrayList<>();

    private Path dataDirectory;
    private Path browserProfile;
    private DevStack stack;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void startStackAndBrowser() throws IOException {
        dataDirectory = Files.createTempDirectory("newsflow-page");
        stack = DevStack.start(new DevStack.Options(dataDirectory, DevStack.Ports.random(), Optional.of(KAFKA.bootstrapServers()), false));
        for (String name : SampleStories.names()) {
            ObjectNode story = (ObjectNode) JSON.readTree(SampleStories.json(name));
            sampleIds.add(story.get("id").asText());
            push(story);
        }
        sampleIds.forEach(this::awaitInFeed);

        browserProfile = Files.createTempDirectory("newsflow-chromium");
        // TZ is inherited by the browser ChromeDriver starts
        driver = HeadlessChromium.start(browserProfile, 1280, 1600, Map.of("TZ", READER_TIME_ZONE));
        wait = new WebDriverWait(driver, PIPELINE);
    }

    @AfterAll
    void stopBrowserAndStack() {
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
    @Order(1)
    void theSampleStoriesReadAsANewsColumnInTheReadersTimeZone() throws IOException {
        openPage();

        // Newest first, under one day header, with times converted to the reader's zone (Kyiv, UTC+3 that day)
        assertThat(shownIds()).containsExactlyInAnyOrderElementsOf(sampleIds);
        assertThat(driver.findElements(By.cssSelector("#feed .day-header")))
            .extracting(WebElement::getText).containsExactly("21 October, Monday");
        assertThat(shownIds().get(0)).isEqualTo("uledger-2024-10-21-north-korean-troops");
        assertThat(story("uledger-2024-10-21-north-korean-troops").findElement(By.cssSelector(".story-time")).getText()).isEqualTo("17:56");
        // published 09:30 in Texas (UTC-5): 17:30 for a reader in Kyiv
        assertThat(story("texas-metro-2024-10-21-austin-transit").findElement(By.cssSelector(".story-time")).getText()).isEqualTo("17:30");

        // Labels, a headline linking to the story, entity and tag chips
        WebElement troops = story("uledger-2024-10-21-north-korean-troops");
        assertThat(troops.findElement(By.cssSelector(".label")).getText()).isEqualToIgnoringCase("Exclusive");
        assertThat(troops.findElement(By.cssSelector("a.headline")).getAttribute("href"))
            .endsWith("/articles/uledger-2024-10-21-north-korean-troops");
        assertThat(troops.findElements(By.cssSelector("a.chip--tag"))).extracting(WebElement::getText)
            .isNotEmpty().allMatch(tag -> tag.startsWith("#"));

        String screenshotDir = System.getProperty("newsflow.screenshot.dir");
        if (screenshotDir != null && !screenshotDir.isBlank()) {
            Path file = Path.of(screenshotDir).resolve("latest-news.png");
            Files.createDirectories(file.getParent());
            Files.write(file, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
            System.err.println("Saved a screenshot of the latest-news page to " + file.toAbsolutePath());
        }

        // A story naming many entities folds the rest behind "+N more"
        int entities = troops.findElements(By.cssSelector("a.chip--entity")).size();
        assertThat(entities).isGreaterThan(8);
        WebElement more = troops.findElement(By.cssSelector("button.chip--more"));
        assertThat(more.getText()).isEqualTo("+" + (entities - 8) + " more");
        more.click();
        assertThat(troops.findElements(By.cssSelector("a.chip--entity"))).allMatch(WebElement::isDisplayed)
            .extracting(WebElement::getText).contains("Lloyd Austin");
    }

    @Test
    @Order(2)
    void aStoryPublishedAfterThePageLoadedSlidesInIsReplacedInPlaceAndLeavesWhenKilled() {
        openPage();
        js("window.newsflowSamePage = true;");

        // When a story is published after the page loaded
        String id = "page-live-arrival";
        push(story(SampleStories.NORTH_KOREAN_TROOPS, id, 1, "2024-10-21T18:30:00+03:00", "Ramstein group pledges more air defence"));

        // Then it appears at the top without a reload
        wait.until(ExpectedConditions.presenceOfElementLocated(storyLocator(id)));
        assertThat(shownIds().get(0)).isEqualTo(id);
        assertThat(js("return window.newsflowSamePage === true;")).isEqualTo(true);

        // When a newer version arrives, it replaces the line in place
        push(story(SampleStories.NORTH_KOREAN_TROOPS, id, 2, "2024-10-21T18:30:00+03:00", "Ramstein group pledges more air defence for winter"));
        wait.until(driver -> "2".equals(story(id).getAttribute("data-version")));
        assertThat(story(id).findElement(By.cssSelector("a.headline")).getText()).isEqualTo("Ramstein group pledges more air defence for winter");
        assertThat(driver.findElements(storyLocator(id))).hasSize(1);
        assertThat(shownIds().get(0)).isEqualTo(id);

        // When its desk kills it, it leaves the column
        HttpResponse<String> killed = send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/articles/" + id)).DELETE().build());
        assertThat(killed.statusCode()).as(killed.body()).isBetween(200, 299);
        wait.until(ExpectedConditions.numberOfElementsToBe(storyLocator(id), 0));
        assertThat(js("return window.newsflowSamePage === true;")).isEqualTo(true);
    }

    @Test
    @Order(3)
    void anEntityChipFiltersTheColumnAndTheLiveStream() {
        openPage();
        driver.findElements(By.cssSelector("#feed button.chip--more")).forEach(WebElement::click);
        WebElement chip = driver.findElements(By.cssSelector("#feed a.chip--entity")).stream()
            .filter(candidate -> candidate.getText().equals("Lloyd Austin")).findFirst()
            .orElseThrow(() -> new AssertionError("no Lloyd Austin chip on the page"));
        String entityId = chip.getAttribute("data-entity-id");

        // When the reader clicks the chip
        chip.click();

        // Then the filter is shown with a clear button, and only that entity's stories remain
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("filter-bar")));
        assertThat(driver.findElement(By.id("filter-value")).getText()).isEqualTo("Lloyd Austin");
        assertThat(driver.findElement(By.id("clear-filter")).isDisplayed()).isTrue();
        assertThat(driver.getCurrentUrl()).contains("entity=");
        List<String> expected = feedIds("entity=" + entityId);
        assertThat(expected).isNotEmpty().doesNotContain("texas-metro-2024-10-21-austin-transit");
        wait.until(driver -> shownIds().equals(expected));
        for (WebElement line : driver.findElements(By.cssSelector("#feed li.story"))) {
            assertThat(line.findElements(By.cssSelector("a.chip--entity"))).extracting(e -> e.getAttribute("data-entity-id"))
                .as("entities of %s", line.getAttribute("data-story-id")).contains(entityId);
        }

        // and the live stream is filtered too: a story about Austin, Texas stays out, one about Lloyd Austin comes in
        awaitLive();
        String other = "page-filter-texas";
        String about = "page-filter-pentagon";
        push(story(SampleStories.AUSTIN_TEXAS_TRANSIT, other, 1, "2024-10-21T18:40:00+03:00", "Austin council extends the bus pilot"));
        awaitInFeed(other);
        push(story(SampleStories.NORTH_KOREAN_TROOPS, about, 1, "2024-10-21T18:45:00+03:00", "Lloyd Austin promises more shells"));
        wait.until(ExpectedConditions.presenceOfElementLocated(storyLocator(about)));
        assertThat(driver.findElements(storyLocator(other))).isEmpty();

        // When the filter is cleared, the whole column is back
        driver.findElement(By.id("clear-filter")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("filter-bar")));
        wait.until(ExpectedConditions.presenceOfElementLocated(storyLocator(other)));
        assertThat(shownIds()).containsAll(sampleIds);
    }

    @Test
    @Order(4)
    void aHeadlineIsShownAsTextNeverAsMarkup() {
        openPage();
        String id = "page-hostile-headline";
        push(story(SampleStories.NORTH_KOREAN_TROOPS, id, 1, "2024-10-21T18:50:00+03:00", HOSTILE_HEADLINE));

        WebElement line = wait.until(ExpectedConditions.presenceOfElementLocated(storyLocator(id)));
        assertThat(line.findElement(By.cssSelector("a.headline")).getText()).isEqualTo(HOSTILE_HEADLINE);
        assertThat(driver.findElements(By.cssSelector("#feed img"))).isEmpty();
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        // The detail view shows it as text too
        line.findElement(By.cssSelector("a.headline")).click();
        WebElement headline = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-headline")));
        assertThat(headline.getText()).isEqualTo(HOSTILE_HEADLINE);
        assertThat(driver.findElements(By.cssSelector("#detail img"))).isEmpty();
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        driver.findElement(By.id("detail-close")).click();
    }

    @Test
    @Order(5)
    void thePageAndItsModulesAreServedWithTheirTypesAndRevalidated() {
        Map<String, String> types = Map.of("/", "text/html", "/web/app.js", "text/javascript", "/web/dom.js", "text/javascript",
            "/web/format.js", "text/javascript", "/web/style.css", "text/css");
        types.forEach((path, type) -> {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(stack.feedUrl().resolve(path)).GET().build());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(path).startsWith(type);
            assertThat(answer.headers().firstValue("Cache-Control").orElse("")).as(path).contains("no-cache");
            String etag = answer.headers().firstValue("ETag").orElseThrow();
            assertThat(send(HttpRequest.newBuilder(stack.feedUrl().resolve(path)).header("If-None-Match", etag).GET().build())
                .statusCode()).as(path).isEqualTo(304);
        });
        assertThat(send(HttpRequest.newBuilder(stack.feedUrl().resolve("/web/missing.js")).GET().build()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(stack.feedUrl().resolve("/web/..%2Fweb%2Fapp.js")).GET().build()).statusCode()).isEqualTo(404);
    }

    // ---- page helpers ----

    /** Opens the page and waits for the first page of the feed and the live stream. */
    private void openPage() {
        driver.get(stack.feedUrl().resolve("/").toString());
        wait.until(ExpectedConditions.attributeToBe(By.id("feed"), "aria-busy", "false"));
        awaitLive();
    }

    private void awaitLive() {
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
    }

    private static By storyLocator(String id) {
        return By.cssSelector("#feed li.story[data-story-id='" + id + "']");
    }

    private WebElement story(String id) {
        return driver.findElement(storyLocator(id));
    }

    private List<String> shownIds() {
        return driver.findElements(By.cssSelector("#feed li.story")).stream().map(e -> e.getAttribute("data-story-id")).toList();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    // ---- pipeline helpers ----

    private void push(ObjectNode story) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/articles"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(story.toString())).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    private void awaitInFeed(String id) {
        await().atMost(PIPELINE).untilAsserted(() ->
            assertThat(send(HttpRequest.newBuilder(stack.feedUrl().resolve("/articles/" + id)).GET().build()).statusCode()).isEqualTo(200));
    }

    private List<String> feedIds(String query) {
        try {
            JsonNode page = JSON.readTree(send(HttpRequest.newBuilder(stack.feedUrl().resolve("/feed?limit=200&" + query)).GET().build()).body());
            List<String> ids = new ArrayList<>();
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sample with another id, version, time and headline, and no labels. */
    private static ObjectNode story(String sample, String id, int version, String publishedAt, String headline) {
        try {
            ObjectNode story = (ObjectNode) JSON.readTree(SampleStories.json(sample));
            story.put("id", id);
            story.put("version", version);
            story.put("publishedAt", publishedAt);
            story.put("headline", headline);
            story.putArray("labels");
            return story;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the class, saying why, where Debian's chromium or chromium-driver is not installed. */
    static final class ChromiumInstalled implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isPresent() || (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute())) {
                return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
            }
            String reason = "SKIPPED " + context.getDisplayName() + ": needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver; .ci/run installs them).";
            System.err.println(reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
