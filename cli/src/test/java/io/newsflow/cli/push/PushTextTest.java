package io.newsflow.cli.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PushTextTest {

    private static final PlannedFile STORY = new PlannedFile(0, Path.of("in/a.json"), "in/a.json", "a.json", StoryFormat.JSON, 1);
    private static final PlannedFile BATCH = new PlannedFile(1, Path.of("in/wire.ndjson"), "in/wire.ndjson", "wire.ndjson", StoryFormat.NDJSON, 3);

    @Test
    void drawsAProgressBarWithCountsAndRate() {
        // Given 42 of 100 stories done, 2 failed, at 35.4 a second
        // When the bar is drawn
        String bar = PushText.progressBar(42, 100, 2, 35.4);

        // Then 8 of 20 cells are filled and the counts follow
        assertThat(bar).isEqualTo("[########............] 42/100 stories, 2 failed, 35/s");
    }

    @Test
    void drawsAnEmptyAndAFullBar() {
        assertThat(PushText.progressBar(0, 7, 0, 0)).isEqualTo("[....................] 0/7 stories, 0 failed, 0/s");
        assertThat(PushText.progressBar(7, 7, 0, 12.6)).isEqualTo("[####################] 7/7 stories, 0 failed, 13/s");
        assertThat(PushText.progressBar(0, 0, 0, 0)).startsWith("[####################] 0/0");
    }

    @Test
    void computesTheRateSinceTheStart() {
        assertThat(PushText.rate(70, Duration.ofSeconds(2))).isEqualTo(35.0);
        assertThat(PushText.rate(5, Duration.ZERO)).isZero();
    }

    @Test
    void summarisesCountsAndListsEachFailureWithItsFileLineStatusAndDetail() {
        // Given a push where one line of an NDJSON file and one single story were refused
        PushOutcome outcome = new PushOutcome(List.of(
            StoryResult.failed("in/wire.ndjson", 2, 1, 422, "Unprocessable Content", "Invalid field: urgency must be between 1 (flash) and 9"),
            StoryResult.accepted("in/a.json", 0, 0, receipt("a", 10)),
            StoryResult.accepted("in/wire.ndjson", 1, 1, receipt("w1", 11)),
            StoryResult.accepted("in/wire.ndjson", 3, 1, receipt("w3", 12)),
            StoryResult.failed("in/b.json", 0, 2, 409, "Conflict", "Version 1 of story b was already published with different content")),
            3, Duration.ofMillis(1234));

        // When the summary is rendered
        String summary = PushText.summary(outcome, "http://127.0.0.1:8082");

        // Then it counts 202s as accepted and lists failures in file order, aligned
        assertThat(summary).isEqualTo("""
            Pushed 5 stories from 3 files to http://127.0.0.1:8082 in 1.2 s
              accepted: 3 (published, or already published by an earlier push)
              failed:   2
            Failures:
              in/wire.ndjson:2  422  Invalid field: urgency must be between 1 (flash) and 9
              in/b.json         409  Version 1 of story b was already published with different content
            """);
    }

    @Test
    void summarisesAPushWhereEverythingWasAccepted() {
        PushOutcome outcome = new PushOutcome(List.of(StoryResult.accepted("in/a.json", 0, 0, receipt("a", 1))), 1, Duration.ofMillis(50));

        assertThat(PushText.summary(outcome, "http://x")).isEqualTo("""
            Pushed 1 story from 1 file to http://x in 0.1 s
              accepted: 1 (published, or already published by an earlier push)
              failed:   0
            """);
    }

    @Test
    void hintsAtTheApiKeyOnA403AndAtRetryingWhenNothingWasAnswered() {
        // Given a push with a 403 and a request that got no answer
        PushOutcome outcome = new PushOutcome(List.of(
            StoryResult.failed("a.json", 0, 0, 403, "Forbidden", "Editor may not push to desk sport"),
            StoryResult.failed("b.json", 0, 1, 0, "Request failed", "IOException: connection reset")), 2, Duration.ZERO);

        // When the summary is rendered
        String summary = PushText.summary(outcome, "http://x");

        // Then the failure without a status shows as ---, and both hints are given
        assertThat(summary).contains("b.json  ---  IOException: connection reset")
            .contains("Hint: 403 means the API key's editor may not do that")
            .contains("--api-key")
            .contains("push again with the same --idempotency-prefix");
    }

    @Test
    void writesOneLinePerFinishedFile() {
        assertThat(PushText.fileLine(STORY, List.of(StoryResult.accepted("in/a.json", 0, 0, receipt("story-a", 4)))))
            .isEqualTo("in/a.json: accepted as story-a v1");
        assertThat(PushText.fileLine(STORY, List.of(StoryResult.failed("in/a.json", 0, 0, 400, "Bad Request", "Malformed JSON"))))
            .isEqualTo("in/a.json: FAILED 400 Malformed JSON");
        assertThat(PushText.fileLine(BATCH, List.of(
            StoryResult.accepted("in/wire.ndjson", 1, 1, receipt("w1", 1)),
            StoryResult.failed("in/wire.ndjson", 2, 1, 422, "x", "y"),
            StoryResult.accepted("in/wire.ndjson", 3, 1, receipt("w3", 2)))))
            .isEqualTo("in/wire.ndjson: 2 accepted, 1 FAILED (3 lines)");
    }

    @Test
    void printsAReceiptWithItsKafkaPosition() {
        assertThat(PushText.receiptLine(StoryResult.accepted("in/wire.ndjson", 3, 1, receipt("w3", 17))))
            .isEqualTo("accepted in/wire.ndjson:3 id=w3 version=1 at=articles.published-2@17 pubStatus=usable");
    }

    @Test
    void listsWhatADryRunWouldSend() {
        assertThat(PushText.dryRunLine(STORY, 1, Optional.of("run1")))
            .isEqualTo("would send in/a.json as application/json, Idempotency-Key run1:a.json");
        assertThat(PushText.dryRunLine(BATCH, 1, Optional.empty()))
            .isEqualTo("would send in/wire.ndjson as application/x-ndjson (3 stories in 1 request)");
        assertThat(PushText.dryRunLine(BATCH, 1, Optional.of("run1")))
            .endsWith(", Idempotency-Key run1:wire.ndjson#1..");
    }

    @Test
    void explainsA401DependingOnWhetherAKeyWasGiven() {
        assertThat(PushText.unauthorized("http://x", false, "This request needs an editor's API key"))
            .contains("needs an API key").contains("--api-key").contains("NEWSFLOW_API_KEY").doesNotContain("\n");
        assertThat(PushText.unauthorized("http://x", true, "The API key is not valid."))
            .contains("refused the API key").contains("--api-key");
    }

    private static Receipt receipt(String id, long offset) {
        return new Receipt(id, 1, "articles.published", 2, offset, "usable");
    }
}
