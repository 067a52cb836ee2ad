package io.newsflow.feed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimelineKeyTest {

    @Test
    void roundTripsThroughBytes() {
        var key = new TimelineKey(Instant.parse("2024-10-21T14:56:00Z"), "story-ü-1");
        assertThat(TimelineKey.fromBytes(key.toBytes())).isEqualTo(key);
    }

    @Test
    void newerStoriesSortFirstAsUnsignedBytes() {
        var newer = new TimelineKey(Instant.parse("2024-10-21T14:56:00Z"), "z");
        var older = new TimelineKey(Instant.parse("2024-10-21T14:55:59.999Z"), "a");
        var epoch = new TimelineKey(Instant.EPOCH, "a");
        assertThat(newer.toBytes().compareTo(older.toBytes())).isNegative();
        assertThat(older.toBytes().compareTo(epoch.toBytes())).isNegative();
    }
}
