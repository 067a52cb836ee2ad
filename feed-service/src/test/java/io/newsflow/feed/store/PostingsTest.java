package io.newsflow.feed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class PostingsTest {

    private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;
    private static final Instant BASE = Instant.parse("2024-10-21T00:00:00Z");

    @Test
    void keepsKeysNewestFirstThroughAddsAndRemovesInAnyOrder() {
        Random random = new Random(20241021);
        Postings postings = new Postings();
        TreeSet<byte[]> expected = new TreeSet<>(UNSIGNED);
        List<byte[]> universe = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            universe.add(key(random.nextInt(100_000), "s" + i));
        }
        for (int step = 0; step < 40_000; step++) {
            byte[] key = universe.get(random.nextInt(universe.size()));
            // Mostly adds at first, so chunks fill and split; then as many removes as adds.
            if (random.nextInt(10) < (step < 20_000 ? 8 : 5)) {
                assertThat(postings.add(key)).isEqualTo(expected.add(key));
            } else {
                assertThat(postings.remove(key)).isEqualTo(expected.remove(key));
            }
            assertThat(postings.size()).isEqualTo(expected.size());
        }

        assertThat(postings.size()).isGreaterThan(2 * Postings.CHUNK);
        assertThat(toList(postings.from(null))).containsExactlyElementsOf(expected);
        for (int probe = 0; probe < 200; probe++) {
            byte[] from = key(random.nextInt(100_000), "s" + random.nextInt(5_000));
            assertThat(toList(postings.from(from))).containsExactlyElementsOf(expected.tailSet(from, true));
        }
    }

    @Test
    void newStoriesAtTheFrontFillWholeChunks() {
        Postings postings = new Postings();
        int stories = 10 * Postings.CHUNK;
        for (int i = 0; i < stories; i++) {
            postings.add(key(i, "story-" + i)); // each newer than every one before it
        }

        List<byte[]> all = toList(postings.from(null));
        assertThat(all).hasSize(stories).isSortedAccordingTo(UNSIGNED);
        assertThat(TimelineKey.fromBytes(org.apache.kafka.common.utils.Bytes.wrap(all.get(0))).storyId())
            .isEqualTo("story-" + (stories - 1));
    }

    @Test
    void aWalkSeesTheKeysAsTheyWereWhenItStarted() {
        Postings postings = new Postings();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 3 * Postings.CHUNK; i++) {
            keys.add(key(i, "s" + i));
        }
        keys.sort(UNSIGNED);
        postings.load(keys);

        Iterator<byte[]> walk = postings.from(null);
        walk.next();
        postings.add(key(-1, "older"));
        keys.subList(0, Postings.CHUNK + 10).forEach(postings::remove);

        List<byte[]> seen = toList(walk);
        assertThat(seen).containsExactlyElementsOf(keys.subList(1, keys.size()));
        assertThat(toList(postings.from(null))).hasSize(keys.size() - Postings.CHUNK - 10 + 1);
    }

    @Test
    void loadedKeysAnswerLikeAddedOnes() {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            keys.add(key(i * 7 % 1_000, "s" + i));
        }
        keys.sort(UNSIGNED);
        Postings loaded = new Postings();
        loaded.load(keys);

        byte[] from = keys.get(700);
        assertThat(toList(loaded.from(from))).containsExactlyElementsOf(keys.subList(700, keys.size()));
        assertThat(loaded.remove(keys.get(0))).isTrue();
        assertThat(loaded.add(keys.get(5))).isFalse();
        assertThat(loaded.size()).isEqualTo(keys.size() - 1);
    }

    private static byte[] key(int minutes, String storyId) {
        return new TimelineKey(BASE.plusSeconds(60L * minutes), storyId).toBytes().get();
    }

    private static List<byte[]> toList(Iterator<byte[]> keys) {
        List<byte[]> list = new ArrayList<>();
        keys.forEachRemaining(list::add);
        return list;
    }
}
