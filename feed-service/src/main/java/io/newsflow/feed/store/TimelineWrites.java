package io.newsflow.feed.store;

import org.apache.kafka.common.utils.Bytes;

/**
 * Told by the feed indexer of every story it adds to or removes from the timeline, once the story's timeline
 * entry and all its index entries are written, so that copies of feed state kept elsewhere can go.
 */
@FunctionalInterface
public interface TimelineWrites {

    /** For a topology nobody keeps copies of its timeline for. */
    TimelineWrites NONE = timelineKey -> { };

    /** The entry at {@code timelineKey}, and the index entries pointing at it, were just put or deleted. */
    void changed(Bytes timelineKey);

    /** Tells this, then {@code next}. */
    default TimelineWrites and(TimelineWrites next) {
        return timelineKey -> {
            changed(timelineKey);
            next.changed(timelineKey);
        };
    }
}
