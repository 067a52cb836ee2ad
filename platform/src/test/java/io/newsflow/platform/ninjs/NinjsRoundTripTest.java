package io.newsflow.platform.ninjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.platform.http.Json;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;

/** ArticleEnriched → ninjs 2.1 JSON text → NinjsStory gives the story back. */
class NinjsRoundTripTest {

    private static final ObjectMapper MAPPER = Json.mapper();

    private final NinjsWriter writer = new NinjsWriter(MAPPER);
    private final NinjsReader reader = new NinjsReader();

    @Test
    void givesBackEveryFieldNinjsCarries() throws Exception {
        ArticlePublished article = NinjsWriterTest.article(3).build();

        NinjsStory story = roundTrip(NinjsWriterTest.enriched(article));

        assertThat(story.id()).isEqualTo(article.getId());
        assertThat(story.version()).isEqualTo(3);
        assertThat(story.source()).isEqualTo(article.getSource());
        assertThat(story.language()).isEqualTo(article.getLanguage());
        assertThat(story.headline()).isEqualTo(article.getHeadline());
        assertThat(story.body()).isEqualTo(article.getBody());
        assertThat(story.byline()).isEqualTo(article.getByline());
        assertThat(story.labels()).isEqualTo(article.getLabels());
        assertThat(story.urgency()).isEqualTo(article.getUrgency());
        assertThat(story.pubStatus()).isEqualTo(article.getPubStatus());
        assertThat(story.embargoUntil()).isEqualTo(article.getEmbargoUntil());
        assertThat(story.publishedAt()).isEqualTo(article.getPublishedAt());
        assertThat(story.ninjsVersion()).isEqualTo("2.1");
        // and, given back the ingest time, the very same record
        assertThat(story.toArticlePublished(article.getIngestedAt())).isEqualTo(article);
    }

    @ParameterizedTest
    @EnumSource(PubStatus.class)
    void givesBackEveryPubStatus(PubStatus status) throws Exception {
        ArticlePublished article = NinjsWriterTest.article(1).setPubStatus(status).build();
        assertThat(roundTrip(NinjsWriterTest.enriched(article)).pubStatus()).isEqualTo(status);
    }

    @Test
    void givesBackAStoryWithoutOptionalFields() throws Exception {
        ArticlePublished article = NinjsWriterTest.article(1).setByline(null).setLabels(List.of()).setEmbargoUntil(null)
            .setUrgency(9).setPubStatus(PubStatus.usable).setPublishedAt(Instant.parse("2024-10-21T07:30:00.123Z")).build();

        NinjsStory story = roundTrip(ArticleEnriched.newBuilder().setArticle(article).setEntities(List.of())
            .setTags(List.of()).setEnrichedAt(Instant.parse("2024-10-21T07:31:00Z")).build());

        assertThat(story.byline()).isNull();
        assertThat(story.labels()).isEmpty();
        assertThat(story.embargoUntil()).isNull();
        assertThat(story.urgency()).isEqualTo(9);
        assertThat(story.publishedAt()).isEqualTo(Instant.parse("2024-10-21T07:30:00.123Z")); // millis survive
        assertThat(story.toArticlePublished(article.getIngestedAt())).isEqualTo(article);
    }

    @ParameterizedTest
    @ValueSource(strings = {"story-1", "a.b_c:d-e", "urn:newsml:example.com:20241021:x", "story 1/é?#%", "https://x.example/a"})
    void givesBackTheIdWhateverItLooksLike(String id) throws Exception {
        ArticlePublished article = NinjsWriterTest.article(1).setId(id).build();
        assertThat(roundTrip(NinjsWriterTest.enriched(article)).id()).isEqualTo(id);
    }

    @Test
    void givesBackMultiParagraphUnicodeBodies() throws Exception {
        String body = "Перший абзац про Харків.\n\nSecond paragraph \u2014 with \u201Cquotes\u201D & <angle> brackets.\n"
            + "A line break inside it.\n\nEmoji \uD83D\uDE00 too.";
        ArticlePublished article = NinjsWriterTest.article(1).setLanguage("uk").setBody(body)
            .setHeadline("Заголовок & <b>not markup</b>").build();

        NinjsStory story = roundTrip(NinjsWriterTest.enriched(article));

        assertThat(story.body()).isEqualTo(body);
        assertThat(story.headline()).isEqualTo("Заголовок & <b>not markup</b>");
        assertThat(story.language()).isEqualTo("uk");
    }

    private NinjsStory roundTrip(ArticleEnriched enriched) throws Exception {
        String json = MAPPER.writeValueAsString(writer.write(enriched));
        JsonNode parsed = MAPPER.readTree(json);
        assertThat(NinjsStructure.violations(parsed)).isEmpty();
        return reader.read(parsed);
    }
}
