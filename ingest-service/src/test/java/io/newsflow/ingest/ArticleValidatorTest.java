package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.ingest.ArticleValidator.InvalidArticleException;
import io.newsflow.ingest.http.ArticleSubmission;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.http.Problem.FieldError;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import io.newsflow.testkit.SampleStories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleValidatorTest {

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final Instant NOW = Instant.parse("2024-10-21T15:02:03.456Z");

    private final ArticleValidator validator = new ArticleValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void mapsTheSampleStoryToAnArticle() throws Exception {
        // Given the sample story exactly as an editor submits it
        ArticleSubmission submission = submission(json -> { });

        // When it is validated
        ArticlePublished article = validator.validate(submission);

        // Then every field is carried over, instants are normalised to UTC and ingestedAt comes from the clock
        assertThat(article.getId()).isEqualTo("uledger-2024-10-21-north-korean-troops");
        assertThat(article.getVersion()).isEqualTo(1);
        assertThat(article.getSource()).isEqualTo("ukraine-ledger");
        assertThat(article.getLanguage()).isEqualTo("en");
        assertThat(article.getHeadline()).isEqualTo("No doubt that North Korean troops are in Ukraine - political strategist");
        assertThat(article.getBody()).startsWith("Soldiers of the DPRK").isEqualTo(submission.body().strip());
        assertThat(article.getByline()).isEqualTo("Ukraine Ledger staff");
        assertThat(article.getLabels()).containsExactly("Exclusive");
        assertThat(article.getUrgency()).isEqualTo(3);
        assertThat(article.getPubStatus()).isEqualTo(PubStatus.usable);
        assertThat(article.getEmbargoUntil()).isNull();
        assertThat(article.getPublishedAt()).isEqualTo(Instant.parse("2024-10-21T14:56:00Z"));
        assertThat(article.getIngestedAt()).isEqualTo(NOW);
    }

    @Test
    void appliesDefaultsAndNormalisesOptionalFields() throws Exception {
        // Given a submission without version, urgency or byline, a mixed-case padded language tag, padded
        // text, padded and duplicated labels, and an embargo given in another offset
        ArticleSubmission submission = submission(json -> {
            json.remove(List.of("version", "urgency", "byline"));
            json.put("language", " EN-gb ");
            json.put("headline", "  Padded headline \n");
            json.putArray("labels").add(" Exclusive").add("Updated ").add("Exclusive").add("Updated");
            json.put("embargoUntil", "2024-10-22T09:00:00-05:00");
        });

        // When it is validated
        ArticlePublished article = validator.validate(submission);

        // Then version 1, urgency 5 and pubStatus usable are the defaults, the tag is canonical, text is
        // stripped and labels are trimmed and distinct in their first order
        assertThat(article.getVersion()).isEqualTo(1);
        assertThat(article.getUrgency()).isEqualTo(5);
        assertThat(article.getPubStatus()).isEqualTo(PubStatus.usable);
        assertThat(article.getByline()).isNull();
        assertThat(article.getLanguage()).isEqualTo("en-GB");
        assertThat(article.getHeadline()).isEqualTo("Padded headline");
        assertThat(article.getLabels()).containsExactly("Exclusive", "Updated");
        assertThat(article.getEmbargoUntil()).isEqualTo(Instant.parse("2024-10-22T14:00:00Z"));
    }

    @Test
    void treatsMissingLabelsAsNone() throws Exception {
        assertThat(validator.validate(submission(json -> json.remove("labels"))).getLabels()).isEmpty();
    }

    @Test
    void givesAStoryWithoutAnIdAFreshUuid() throws Exception {
        // Given a submission without an id
        ArticleSubmission submission = submission(json -> json.remove("id"));

        // When it is validated twice
        String first = validator.validate(submission).getId();
        String second = validator.validate(submission).getId();

        // Then each time it gets its own random UUID
        assertThat(UUID.fromString(first).toString()).isEqualTo(first);
        assertThat(UUID.fromString(first).version()).isEqualTo(4);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void keepsAnIdThatFollowsThePatternTrimmed() throws Exception {
        ArticleSubmission submission = submission(json -> json.put("id", "  wire:2024.10.21_a-1  "));

        assertThat(validator.validate(submission).getId()).isEqualTo("wire:2024.10.21_a-1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, -1, Integer.MAX_VALUE})
    void rejectsUrgencyOutsideOneToNine(int urgency) {
        assertThat(errorsOf(submission(json -> json.put("urgency", urgency))))
            .containsExactly(new FieldError("urgency", "must be between 1 (flash) and 9"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9})
    void acceptsUrgencyAtTheBounds(int urgency) throws Exception {
        assertThat(validator.validate(submission(json -> json.put("urgency", urgency))).getUrgency()).isEqualTo(urgency);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void rejectsVersionBelowOne(int version) {
        assertThat(errorsOf(submission(json -> json.put("version", version))))
            .containsExactly(new FieldError("version", "must be 1 or more"));
    }

    @Test
    void rejectsAVersionSoHighThatTheNextOneWouldOverflow() throws Exception {
        assertThat(errorsOf(submission(json -> json.put("version", Integer.MAX_VALUE))))
            .containsExactly(new FieldError("version", "must be at most " + ArticleValidator.MAX_VERSION));
        assertThat(validator.validate(submission(json -> json.put("version", ArticleValidator.MAX_VERSION))).getVersion())
            .isEqualTo(ArticleValidator.MAX_VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void rejectsABlankHeadline(String headline) {
        assertThat(errorsOf(submission(json -> json.put("headline", headline))))
            .containsExactly(new FieldError("headline", "is required"));
    }

    @Test
    void rejectsAMissingHeadline() {
        assertThat(errorsOf(submission(json -> json.remove("headline"))))
            .containsExactly(new FieldError("headline", "is required"));
    }

    @Test
    void rejectsAMissingPublishedAt() {
        List<FieldError> errors = errorsOf(submission(json -> json.remove("publishedAt")));

        assertThat(errors).extracting(FieldError::field).containsExactly("publishedAt");
        assertThat(errors.get(0).message()).startsWith("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-10-21T17:56:00", "2024-10-21", "21/10/2024 17:56", "yesterday", "2024-10-21T17:56:00+25:00"})
    void rejectsPublishedAtWithoutAValidOffset(String publishedAt) {
        List<FieldError> errors = errorsOf(submission(json -> json.put("publishedAt", publishedAt)));

        assertThat(errors).extracting(FieldError::field).containsExactly("publishedAt");
        assertThat(errors.get(0).message()).contains("UTC offset").contains("'" + publishedAt + "'");
    }

    @Test
    void acceptsPublishedAtInUtcWithZ() throws Exception {
        assertThat(validator.validate(submission(json -> json.put("publishedAt", "2024-10-21T14:56:00Z"))).getPublishedAt())
            .isEqualTo(Instant.parse("2024-10-21T14:56:00Z"));
    }

    @Test
    void rejectsAnEmbargoWithoutOffset() {
        assertThat(errorsOf(submission(json -> json.put("embargoUntil", "2024-10-22T09:00:00"))))
            .extracting(FieldError::field).containsExactly("embargoUntil");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fil", "ckb", "yue", "haw", "und", "en-US-x-twain", "uk-UA", "zh-Hant-TW"})
    void acceptsRegisteredLanguagesWithoutATwoLetterCodeAndPrivateUseTags(String language) throws Exception {
        assertThat(validator.validate(submission(json -> json.put("language", language))).getLanguage())
            .isEqualToIgnoringCase(language);
    }

    @ParameterizedTest
    @ValueSource(strings = {"english", "e", "en_US", "12", "en-", "not a language", "en--GB", "qq", "qq-YY", "en-x"})
    void rejectsAnInvalidLanguageTag(String language) {
        assertThat(errorsOf(submission(json -> json.put("language", language))))
            .containsExactly(new FieldError("language", "must be a BCP 47 language tag such as en or uk-UA"));
    }

    @Test
    void rejectsControlCharactersButAllowsTabsAndNewlines() {
        // Given a headline with a BEL character, a body with an ESC, and a byline with a tab
        ArticleSubmission submission = submission(json -> {
            json.put("headline", "Breaking\u0007 news");
            json.put("body", "First paragraph.\n\r\nSecond\u001B paragraph.");
            json.put("byline", "Ukraine\tLedger");
        });

        // Then headline and body are rejected, the byline is not
        assertThat(errorsOf(submission)).containsExactly(
            new FieldError("headline", "must not contain control characters"),
            new FieldError("body", "must not contain control characters"));
    }

    @Test
    void rejectsAHeadlineLongerThanTheLimit() throws Exception {
        String atLimit = "h".repeat(ArticleValidator.MAX_HEADLINE_CHARS);

        assertThat(validator.validate(submission(json -> json.put("headline", atLimit))).getHeadline()).hasSize(1_000);
        assertThat(errorsOf(submission(json -> json.put("headline", atLimit + "h"))))
            .containsExactly(new FieldError("headline", "must be at most 1000 characters, was 1001"));
    }

    @Test
    void rejectsMoreThanTenLabels() throws Exception {
        assertThat(validator.validate(submission(json -> labels(json, 10))).getLabels()).hasSize(10);
        assertThat(errorsOf(submission(json -> labels(json, 11))))
            .containsExactly(new FieldError("labels", "at most 10 labels are allowed"));
    }

    @Test
    void rejectsBlankNullAndOverlongLabelsByIndex() {
        ArticleSubmission submission = submission(json ->
            json.putArray("labels").add("Exclusive").add(" ").add("x".repeat(41)).addNull());

        assertThat(errorsOf(submission)).extracting(FieldError::field).containsExactly("labels/1", "labels/2", "labels/3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-starts-with-dash", ".dot", "has space", "slash/inside", "\u00fcmlaut", "semi;colon"})
    void rejectsAnIdOutsideThePattern(String id) {
        assertThat(errorsOf(submission(json -> json.put("id", id)))).extracting(FieldError::field).containsExactly("id");
    }

    @Test
    void rejectsAnIdLongerThan200Characters() throws Exception {
        assertThat(validator.validate(submission(json -> json.put("id", "a".repeat(200)))).getId()).hasSize(200);
        assertThat(errorsOf(submission(json -> json.put("id", "a".repeat(201))))).extracting(FieldError::field).containsExactly("id");
    }

    @Test
    void reportsEveryInvalidFieldTogether() {
        // Given a submission where every field but one label is wrong
        ArticleSubmission submission = new ArticleSubmission("bad id", 0, null, "english", " ", "body\u0000",
            "b".repeat(201), List.of("ok", ""), 12, "2024-10-21T17:56:00", "soon", "published", null, null);

        // When it is validated
        InvalidArticleException e = catchThrowableOfType(InvalidArticleException.class, () -> validator.validate(submission));

        // Then all of them are listed, in field order, and the message names the first
        assertThat(e.errors()).extracting(FieldError::field).containsExactly(
            "id", "version", "source", "language", "headline", "body", "byline", "labels/1", "urgency", "publishedAt", "embargoUntil",
            "pubStatus");
        assertThat(e.getMessage()).startsWith("id must be");
    }

    private List<FieldError> errorsOf(ArticleSubmission submission) {
        InvalidArticleException e = catchThrowableOfType(InvalidArticleException.class, () -> validator.validate(submission));
        assertThat(e).as("expected the submission to be rejected").isNotNull();
        return e.errors();
    }

    private static void labels(ObjectNode json, int count) {
        ArrayNode labels = json.putArray("labels");
        IntStream.rangeClosed(1, count).forEach(i -> labels.add("label" + i));
    }

    /** The sample story, edited as JSON and bound the way IngestRoutes binds request bodies. */
    private static ArticleSubmission submission(Consumer<ObjectNode> edit) {
        try {
            ObjectNode json = (ObjectNode) MAPPER.readTree(SampleStories.json(SampleStories.NORTH_KOREAN_TROOPS));
            edit.accept(json);
            return MAPPER.treeToValue(json, ArticleSubmission.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
