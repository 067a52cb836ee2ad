package io.newsflow.feed.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.common.utils.Bytes;

/**
 * Key of the embargo queue: release time in big-endian millis, then the story id. Ascending order is release
 * order, so the punctuator releases everything due with one range scan from the start.
 */
public record EmbargoKey(Instant releaseAt, String storyId) {

    public Bytes toBytes() {
        byte[] id = storyId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(releaseAt.toEpochMilli()).put(id).array());
    }

    public static EmbargoKey fromBytes(Bytes key) {
        byte[] raw = key.get();
        long millis = ByteBuffer.wrap(raw, 0, Long.BYTES).getLong();
        return new EmbargoKey(Instant.ofEpochMilli(millis), new String(Arrays.copyOfRange(raw, Long.BYTES, raw.length), StandardCharsets.UTF_8));
    }

    /** Upper bound covering every story due at or before {@code now}. */
    public static Bytes dueBy(Instant now) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + 1).putLong(now.toEpochMilli()).put((byte) 0xFF).array());
    }
}
