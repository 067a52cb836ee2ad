package io.newsflow.feed.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import io.newsflow.feed.FeedConfig;
import org.junit.jupiter.api.Test;

/** feed-service's retention settings, as an operator sets them. */
class FeedRetentionTest {

    @Test
    void keepsEveryStoryUnlessConfigured() {
        FeedRetention retention = FeedRetention.from(FeedConfig.load(Map.of()));

        assertThat(retention).isEqualTo(FeedRetention.KEEP_ALL);
        assertThat(retention.limitsAge() || retention.limitsCount()).isFalse();
    }

    @Test
    void readsDaysAndStoriesPerPartition() {
        FeedRetention retention = FeedRetention.from(FeedConfig.load(Map.of(
            FeedRetention.DAYS_CONFIG, "30", FeedRetention.STORIES_PER_PARTITION_CONFIG, "100000")));

        assertThat(retention.maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(retention.maxStoriesPerPartition()).isEqualTo(100_000);
    }

    @Test
    void rejectsANegativeLimitNamingTheSetting() {
        assertThatThrownBy(() -> FeedRetention.from(FeedConfig.load(Map.of(FeedRetention.DAYS_CONFIG, "-1"))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("feed.retention.days");
    }
}
