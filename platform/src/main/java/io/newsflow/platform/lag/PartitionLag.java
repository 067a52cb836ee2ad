package io.newsflow.platform.lag;

/**
 * How far one consumer group is behind on one partition at one moment.
 *
 * @param committedOffset the group's committed offset (the next record it will read), or -1 if it never committed
 * @param endOffset the last stable offset: the end of the partition as a read_committed consumer sees it
 * @param lagOffsets {@code endOffset - committedOffset}, never negative
 * @param lagSeconds age of the oldest unconsumed record, from its timestamp (not extrapolated); 0 when caught up
 */
public record PartitionLag(String group, String topic, int partition, long committedOffset, long endOffset,
                           long lagOffsets, double lagSeconds) {
}
