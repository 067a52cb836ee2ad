package io.newsflow.feed.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.common.utils.Bytes;

/**
 * Key of the time-ordered feed store: the publication time inverted ({@code Long.MAX_VALUE - millis}) as 8
 * big-endian bytes, then the story id in UTF-8. RocksDB orders keys by unsigned bytes, so a plain forward
 * scan yields newest first, ties broken by id, with no sort per request.
 */
public record TimelineKey(Instant publishedAt, String storyId) {

    private static final int TIME_BYTES = Long.BYTES;

    public Bytes toBytes() {
        byte[] id = storyId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(TIME_BYTES + id.length)
            .putLong(Long.MAX_VALUE - publishedAt.toEpochMilli())
            .put(id)
            .array());
    }

    public static TimelineKey fromBytes(Bytes key) {
        byte[] raw = key.get();
        long inverted = ByteBuffer.wrap(raw, 0, TIME_BYTES).getLong();
        String id = new String(Arrays.copyOfRange(raw, TIME_BYTES, raw.length), StandardCharsets.UTF_8);
        return new TimelineKey(Instant.ofEpochMilli(Long.MAX_VALUE - inverted), id);
    }
}
