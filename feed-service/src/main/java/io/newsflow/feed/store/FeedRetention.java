package io.newsflow.feed.store;

import java.time.Duration;

import io.newsflow.platform.config.Settings;

/**
 * How much of the feed feed-service keeps. A story leaves every store (timeline, index, article, version chain)
 * once its feed slot is more than {@code maxAge} before the wall clock, or once its input partition holds
 * {@code maxStoriesPerPartition} newer visible stories. Zero turns a limit off.
 *
 * <p>The count is per partition, as Kafka's own {@code retention.bytes} is: a partition sees only its own stories.
 * So the feed always keeps at least the newest {@code maxStoriesPerPartition} stories overall, and at most that
 * many per partition.
 */
public record FeedRetention(Duration maxAge, long maxStoriesPerPartition) {

    /** Days a story stays in the feed after its slot time; 0 keeps stories whatever their age. */
    public static final String DAYS_CONFIG = "feed.retention.days";
    /** Newest visible stories each input partition keeps; 0 keeps them all. */
    public static final String STORIES_PER_PARTITION_CONFIG = "feed.retention.stories.per.partition";

    public static final FeedRetention KEEP_ALL = new FeedRetention(Duration.ZERO, 0);

    public FeedRetention {
        if (maxAge.isNegative() || maxStoriesPerPartition < 0) {
            throw new IllegalArgumentException("feed retention limits must be 0 (off) or positive, got " + maxAge + " and "
                + maxStoriesPerPartition + " stories");
        }
    }

    public static FeedRetention from(Settings settings) {
        int days = settings.integer(DAYS_CONFIG);
        int stories = settings.integer(STORIES_PER_PARTITION_CONFIG);
        if (days < 0 || stories < 0) {
            throw new IllegalArgumentException(DAYS_CONFIG + " and " + STORIES_PER_PARTITION_CONFIG
                + " must be 0 (no limit) or positive; got " + days + " and " + stories);
        }
        return new FeedRetention(Duration.ofDays(days), stories);
    }

    boolean limitsAge() {
        return !maxAge.isZero();
    }

    boolean limitsCount() {
        return maxStoriesPerPartition > 0;
    }
}
