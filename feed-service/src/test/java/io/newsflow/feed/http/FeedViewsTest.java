package io.newsflow.feed.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.platform.http.Json;
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
    void theLastPageSaysNextIsNullAndAnEmptyPageHasNoItems() throws Exception {
        assertThat(new String(FeedViews.pageJson(List.of(), null), StandardCharsets.UTF_8)).isEqualTo("{\"items\":[],\"next\":null}");
    }

    @Test
    void aCursorIsWrittenAsAJsonStringWhateverItHolds() throws Exception {
        JsonNode parsed = Json.mapper().readTree(FeedViews.pageJson(List.of(), "a\"b\\c"));

        assertThat(parsed.get("next").asText()).isEqualTo("a\"b\\c");
    }
}
