package io.newsflow.feed.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import io.newsflow.feed.FeedTopologyTest;
import io.newsflow.schemas.ArticleEnriched;
import org.junit.jupiter.api.Test;

class FeedFilterTest {

    @Test
    void noFilterOrASingleOneIsAnsweredByItsRangeAlone() {
        assertThat(FeedFilter.NONE.residual()).isEmpty();
        assertThat(FeedFilter.NONE.withEntity("Q1").residual()).isEmpty();
        assertThat(FeedFilter.NONE.withTag("war").residual()).isEmpty();
        assertThat(new FeedFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(new int[] {1, 3})).residual()).isEmpty();
    }

    @Test
    void combinedFiltersCheckEveryStoryTheRangeFinds() {
        FeedFilter entityAndTag = FeedFilter.NONE.withEntity("Q1").withTag("war");
        ArticleEnriched untagged = FeedTopologyTest.story("s", 1, "2024-10-21T12:00:00Z");

        assertThat(entityAndTag.terms()).hasSize(1);
        assertThat(entityAndTag.residual()).isPresent();
        assertThat(entityAndTag.residual().get().test(untagged)).isFalse();
    }
}
