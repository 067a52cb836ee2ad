package io.newsflow.feed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.newsflow.feed.FeedTopologyTest;
import io.newsflow.feed.http.FeedViews;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.EntityMention;
import io.newsflow.schemas.EntityType;
import io.newsflow.schemas.TextField;
import org.junit.jupiter.api.Test;

class FeedItemFacetsTest {

    @Test
    void aRenderedItemYieldsTheSameIndexPrefixesAsTheStoryItWasRenderedFrom() {
        ArticleEnriched story = FeedTopologyTest.story("kursk-1", 3, "2024-10-21T12:00:00Z");
        story.getArticle().setSource("Kyiv Desk");
        story.getArticle().setLanguage("uk");
        story.getArticle().setUrgency(2);
        story.setTags(List.of("Conflict", "diplomacy", "Кримінал"));
        story.setEntities(List.of(
            mention("Kursk", "Kursk Oblast", "Q1396", EntityType.PLACE),
            mention("Austin", "Lloyd Austin", "Q2016011", EntityType.PERSON),
            mention("the Pentagon", "United States Department of Defense", "Q11209", EntityType.ORG),
            mention("Kursk region", "Kursk Oblast", "Q1396", EntityType.PLACE)));

        byte[] item = FeedViews.itemJson(story).getBytes(StandardCharsets.UTF_8);

        assertThat(FeedItemFacets.prefixesOf(item)).containsExactlyElementsOf(IndexKeys.prefixesOf(story));
        assertThat(IndexKeys.prefixesOf(story)).hasSize(3 + 3 + 3);
    }

    @Test
    void aStoryIdWrittenByAnOlderTimelineHasNoFacets() {
        assertThat(FeedItemFacets.prefixesOf("kursk-1".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(FeedItemFacets.prefixesOf(new byte[0])).isEmpty();
    }

    private static EntityMention mention(String surface, String canonical, String id, EntityType type) {
        return EntityMention.newBuilder().setField(TextField.BODY).setSurface(surface).setStart(0).setEnd(surface.length())
            .setCanonical(canonical).setEntityId(id).setType(type).setConfidence(0.9).setEvidence(null).build();
    }
}
