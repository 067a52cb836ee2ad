package io.newsflow.enrich.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.newsflow.linking.Dictionary;
import io.newsflow.schemas.DictionaryEdit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveDictionaryTest {

    private static final Dictionary SHIPPED = Dictionary.loadDefault();
    private static final String PRYVALOVA = "{\"id\":\"person:oksana-pryvalova\",\"canonical\":\"Oksana Pryvalova\","
        + "\"type\":\"PERSON\",\"aliases\":[\"Oksana Pryvalova\"]}";

    private final List<Integer> replays = new CopyOnWriteArrayList<>();
    private LiveDictionary live;

    @BeforeEach
    void start() {
        live = new LiveDictionary(SHIPPED, Clock.systemUTC(), replays::add);
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void anEditThatCannotBeBuiltIsDroppedAloneAndTheEditsAfterItStillApply() {
        long before = live.status().generation();
        // Given a removal that cannot be built: hundreds of cities name California as the state they are part of
        live.apply(edit("place:california", null, 0));
        // When a good edit asking for a replay follows
        live.apply(edit("person:oksana-pryvalova", PRYVALOVA, 24));

        // Then the good edit is linked, its replay runs, and California is still there, not shown as removed
        await().atMost(Duration.ofSeconds(30)).until(() -> live.status().generation() > before);
        assertThat(live.linker().dictionary().entry("person:oksana-pryvalova")).isPresent();
        assertThat(live.linker().dictionary().entry("place:california")).isPresent();
        assertThat(live.entry("place:california")).hasValueSatisfying(entry -> assertThat(entry.edited()).isFalse());
        assertThat(live.status().removed()).isZero();
        assertThat(replays).containsExactly(24);
        // and the rejection is reported, for the editor to see, until a later edit of the id is built
        assertThat(live.status().rejected()).containsOnlyKeys("place:california");
        assertThat(live.rejection("place:california")).hasValueSatisfying(reason -> assertThat(reason).contains("partOf"));
        long rejectedAt = live.status().generation();
        String california = live.linker().dictionary().entry("place:california").orElseThrow().toJson();
        live.apply(edit("place:california", california, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> live.status().generation() > rejectedAt);
        assertThat(live.status().rejected()).isEmpty();
    }

    /** GET /dictionary/entries/{id} answers from the linker in use: an edit shows once the next story would use it. */
    @Test
    void anEntryShowsWhatTheLinkerInUseHasNotAPendingEdit() {
        long before = live.status().generation();
        live.apply(edit("person:oksana-pryvalova", PRYVALOVA, 0));
        // before the rebuild (it waits for the burst to settle) neither the linker nor the entry has her
        assertThat(live.status().generation()).isEqualTo(before);
        assertThat(live.linker().dictionary().entry("person:oksana-pryvalova")).isEmpty();
        assertThat(live.entry("person:oksana-pryvalova")).isEmpty();

        await().atMost(Duration.ofSeconds(30)).until(() -> live.status().generation() > before);
        assertThat(live.entry("person:oksana-pryvalova")).hasValueSatisfying(entry -> assertThat(entry.edited()).isTrue());

        // and a removal shows once the linker has dropped her
        long added = live.status().generation();
        live.apply(edit("person:oksana-pryvalova", null, 0));
        assertThat(live.entry("person:oksana-pryvalova")).isPresent();
        await().atMost(Duration.ofSeconds(30)).until(() -> live.status().generation() > added);
        assertThat(live.entry("person:oksana-pryvalova")).isEmpty();
        assertThat(live.linker().dictionary().entry("person:oksana-pryvalova")).isEmpty();
    }

    @Test
    void editsRestoredFromTheStoreAreLinkedWithoutAReplay() {
        long before = live.status().generation();
        live.restore(List.of(edit("person:oksana-pryvalova", PRYVALOVA, 24)));

        await().atMost(Duration.ofSeconds(30)).until(() -> live.status().generation() > before);
        assertThat(live.linker().dictionary().entry("person:oksana-pryvalova")).isPresent();
        assertThat(live.entry("person:oksana-pryvalova")).hasValueSatisfying(entry -> assertThat(entry.edited()).isTrue());
        assertThat(replays).isEmpty();
    }

    @Test
    void anEditMadeBeforeThisInstanceStartedIsNotReplayedAgain() {
        long before = live.status().generation();
        live.apply(edit("person:oksana-pryvalova", PRYVALOVA, 24), Instant.now().minus(Duration.ofHours(1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> live.status().generation() > before);
        assertThat(live.linker().dictionary().entry("person:oksana-pryvalova")).isPresent();
        assertThat(replays).isEmpty();
    }

    private static DictionaryEdit edit(String id, String entry, int replayHours) {
        return DictionaryEdit.newBuilder().setEntityId(id).setEntry(entry).setReplayHours(replayHours)
            .setEditor("desk").setEditedAt(Instant.now()).build();
    }
}
