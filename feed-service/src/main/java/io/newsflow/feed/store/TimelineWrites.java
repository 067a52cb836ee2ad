package io.newsflow.feed.store;

import org.apache.kafka.common.utils.Bytes;

/** Told by the feed indexer of every write to a timeline entry, so that copies of it kept elsewhere can go. */
@FunctionalInterface
public interface TimelineWrites {

    /** For a topology nobody keeps copies of its timeline for. */
    TimelineWrites NONE = timelineKey -> { };

    /** The entry at {@code timelineKey} was just put or deleted. */
    void changed(Bytes timelineKey);
}
