package io.newsflow.feed.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.feed.FeedTopologyTest;
import io.newsflow.feed.store.IndexTerms;
import io.newsflow.platform.http.Json;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.EntityMention;
import io.newsflow.schemas.EntityType;
import io.newsflow.schemas.TextField;
import org.junit.jupiter.api.Test;

/** The feed page envelope, written by hand around items that are JSON already. */
class FeedViewsTest {

    @Test
    void aPageIsItsItemsAsTheyAreAndTheNextCursor() throws Exception {
        List<String> items = List.of("{\"id\":\"a\",\"headline\":\"Остін у Києві\"}", "{\"id\":\"b\",\"labels\":[\"OPINION\"]}");

        byte[] page = FeedViews.pageJson(items, "AAABkq-xyz_1");

        assertThat(new String(page, StandardCharsets.UTF_8)).isEqualTo(
            "{\"items\":[{\"id\":\"a\",\"headline\":\"Остін у Києві\"},{\"id\":\"b\",\"labels\":[\"OPINION\"]}],\"next\":\"AAABkq-xyz_1\"}");
        JsonNode parsed = Json.mapper().readTree(page);
        assertThat(parsed.get("items")).hasSize(2);
        assertThat(parsed.get("items").get(0).get("headline").asText()).isEqualTo("Остін у Києві");
    }

    @Test
    void aStoredItemGivesBackExactlyTheIndexTermsOfItsStory() {
        ArticleEnriched story = FeedTopologyTest.story("kursk-1", 3, "2024-10-21T12:00:00Z");
        story.getArticle().setSource(" Kyiv \"Desk\" ");
        story.getArticle().setLanguage("uk");
        story.getArticle().setUrgency(2);
        story.getArticle().setLabels(List.of("Exclusive", "Updated"));
        story.getArticle().setHeadline("{\"tags\":[\"not-a-tag\"],\"source\":\"x\"}");
        story.setTags(List.of("Conflict", "війна", "north korea"));
        List<EntityMention> mentions = new ArrayList<>();
        for (String id : List.of("Q1396", "Q11209", "Q1396", "Q423")) {
            mentions.add(EntityMention.newBuilder().setField(TextField.BODY).setSurface("Курськ").setStart(0).setEnd(6)
                .setCanonical("Kursk Oblast [\"x\"]").setEntityId(id).setType(EntityType.PLACE).setConfidence(0.9)
                .setEvidence(null).build());
        }
        story.setEntities(mentions);

        List<String> terms = FeedViews.ITEM_FORMAT.indexTerms(FeedViews.ITEM_FORMAT.render(story));

        assertThat(terms).isEqualTo(IndexTerms.termsOf(story))
            .containsExactly("s:kyiv \"desk\"", "l:uk", "u:2", "t:conflict", "t:війна", "t:north korea", "e:q1396", "e:q11209", "e:q423");
    }

    @Test
    void theLastPageSaysNextIsNullAndAnEmptyPageHasNoItems() throws Exception {
        assertThat(new String(FeedViews.pageJson(List.of(), null), StandardCharsets.UTF_8)).isEqualTo("{\"items\":[],\"next\":null}");
    }

    @Test
    void aCursorIsWrittenAsAJsonStringWhateverItHolds() throws Exception {
        JsonNode parsed = Json.mapper().readTree(FeedViews.pageJson(List.of(), "a\"b\\c"));

        assertThat(parsed.get("next").asText()).isEqualTo("a\"b\\c");
    }
}
