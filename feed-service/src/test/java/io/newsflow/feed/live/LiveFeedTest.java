package io.newsflow.feed.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.newsflow.feed.FeedTopologyTest;
import io.newsflow.schemas.ArticleEnriched;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

    @Test
    void aFlashOvertakesRoutineStoriesStillQueuedForASlowSubscriber() {
        // Given a subscriber that has not yet read three routine stories
        LiveFeed live = new LiveFeed();
        try (LiveFeed.Subscription slow = live.subscribe(story -> true)) {
            live.visible(nextId(), story("routine-1", 5));
            live.visible(nextId(), story("routine-2", 5));
            live.visible(nextId(), story("routine-3", 5));

            // When a flash arrives
            live.visible(nextId(), story("flash", 1));

            // Then the flash is delivered first, and the routine ones follow in arrival order
            assertThat(drain(slow)).containsExactly("flash", "routine-1", "routine-2", "routine-3");
        }
    }

    @Test
    void aRemovalReplacesItsStorysWaitingEventSoTheKilledStoryIsNotShownAgain() {
        LiveFeed live = new LiveFeed();
        try (LiveFeed.Subscription slow = live.subscribe(story -> true)) {
            // Given a story still waiting for a slow subscriber
            live.visible(nextId(), story("other", 5));
            live.visible(nextId(), story("killed", 5));

            // When it is killed before the subscriber reads it
            live.removed(nextId(), "killed");

            // Then the removal is the story's only event, so nothing shows it again after it was removed
            List<LiveFeed.Event> events = drainEvents(slow);
            assertThat(events).extracting(LiveFeed.Event::storyId).containsExactly("killed", "other");
            assertThat(events.get(0).type()).isEqualTo("removed");
        }
    }

    @Test
    void aNewerVersionReplacesTheWaitingOlderOneEvenWhenItIsMoreUrgent() {
        LiveFeed live = new LiveFeed();
        try (LiveFeed.Subscription slow = live.subscribe(story -> true)) {
            ArticleEnriched routine = story("upgraded", 5);
            ArticleEnriched flash = story("upgraded", 1);
            flash.getArticle().setVersion(2);
            live.visible(nextId(), routine);
            live.visible(nextId(), flash);

            List<LiveFeed.Event> events = drainEvents(slow);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).story().getArticle().getVersion()).isEqualTo(2);
        }
    }

    @Test
    void aStoryIsKeptForResumingClientsWithoutItsBody() {
        LiveFeed live = new LiveFeed();
        ArticleEnriched long_ = story("long", 5);
        long_.getArticle().setBody("x".repeat(100_000));
        live.visible("0-1", long_);

        try (LiveFeed.Subscription resumed = live.subscribe(story -> true, "0-0", () -> { })) {
            LiveFeed.Event event = resumed.poll();
            assertThat(event.story().getArticle().getBody()).isEmpty();
            assertThat(event.story().getArticle().getHeadline()).isEqualTo(long_.getArticle().getHeadline());
        }
        assertThat(long_.getArticle().getBody()).hasSize(100_000);
    }

    @Test
    void subscribersOnlyHearWhatTheirFilterAccepts() {
        LiveFeed live = new LiveFeed();
        try (LiveFeed.Subscription flashOnly = live.subscribe(story -> story.getArticle().getUrgency() == 1)) {
            live.visible(nextId(), story("routine", 5));
            live.visible(nextId(), story("flash", 1));

            assertThat(drain(flashOnly)).containsExactly("flash");
        }
    }

    @Test
    void aSubscriberThatFallsTooFarBehindIsToldToResynchronise() {
        LiveFeed live = new LiveFeed();
        try (LiveFeed.Subscription stuck = live.subscribe(story -> true)) {
            for (int i = 0; i <= LiveFeed.MAX_QUEUED; i++) {
                live.visible(nextId(), story("s" + i, 5));
            }
            assertThat(stuck.overflowed()).isTrue();
            assertThat(stuck.queued()).isLessThan(LiveFeed.MAX_QUEUED);
        }
    }

    @Test
    void closingASubscriptionStopsDelivery() {
        LiveFeed live = new LiveFeed();
        LiveFeed.Subscription gone = live.subscribe(story -> true);
        gone.close();
        live.visible(nextId(), story("late", 5));
        assertThat(live.subscribers()).isZero();
        assertThat(gone.queued()).isZero();
    }

    @Test
    void aReconnectingClientGetsWhatItMissedSinceItsLastEventId() {
        LiveFeed live = new LiveFeed();
        live.visible("0-1", story("seen", 5));
        live.visible("0-2", story("missed-1", 5));
        live.removed("1-7", "seen");
        live.visible("0-3", story("missed-2", 5));

        try (LiveFeed.Subscription resumed = live.subscribe(story -> true, "0-1", () -> { })) {
            assertThat(drain(resumed)).containsExactly("seen", "missed-1", "missed-2");
            assertThat(resumed.overflowed()).isFalse();
        }
    }

    @Test
    void aClientResumingFromBeforeWhatThisInstanceStillRemembersIsToldToResynchronise() {
        LiveFeed live = new LiveFeed();
        for (int offset = 1; offset <= LiveFeed.RESUME_WINDOW + 5; offset++) {
            live.visible("0-" + offset, story("s" + offset, 5));
        }
        try (LiveFeed.Subscription tooOld = live.subscribe(story -> true, "0-1", () -> { })) {
            assertThat(tooOld.overflowed()).isTrue();
        }
        try (LiveFeed.Subscription recentEnough = live.subscribe(story -> true, "0-" + (LiveFeed.RESUME_WINDOW + 3), () -> { })) {
            assertThat(recentEnough.overflowed()).isFalse();
            assertThat(drain(recentEnough)).containsExactly("s" + (LiveFeed.RESUME_WINDOW + 4), "s" + (LiveFeed.RESUME_WINDOW + 5));
        }
    }

    @Test
    void aClientResumesFromAnInstanceThatStartedListeningOnEmptyAndNonEmptyPartitions() {
        LiveFeed live = new LiveFeed();
        live.startsAt(0, 0);
        live.startsAt(1, 40);
        live.startsAt(2, 0); // empty, and stays so
        String resumeId;
        try (LiveFeed.Subscription client = live.subscribe(story -> true)) {
            live.visible("0-0", story("first", 5));
            assertThat(drain(client)).containsExactly("first");
            resumeId = client.resumeId();
        }
        live.visible("1-40", story("second", 5));

        try (LiveFeed.Subscription resumed = live.subscribe(story -> true, resumeId, () -> { })) {
            assertThat(resumed.overflowed()).isFalse();
            assertThat(drain(resumed)).containsExactly("second");
        }
        try (LiveFeed.Subscription fromBeforeTheStart = live.subscribe(story -> true, "0-0.1-12", () -> { })) {
            assertThat(fromBeforeTheStart.overflowed()).isTrue();
        }
    }

    @Test
    void aClientThatGotAFlashBeforeAnEarlierRoutineStoryGetsTheRoutineOneWhenItResumes() {
        LiveFeed live = new LiveFeed();
        String resumeId;
        try (LiveFeed.Subscription slow = live.subscribe(story -> true)) {
            // Given a routine story still waiting when a flash arrives and overtakes it
            live.visible("0-10", story("routine", 5));
            live.visible("1-20", story("flash", 1));
            assertThat(slow.poll().storyId()).isEqualTo("flash");
            resumeId = slow.resumeId();
            // When the connection drops before the routine story went out
        }

        // Then resuming from the id sent with the flash brings the routine story
        try (LiveFeed.Subscription resumed = live.subscribe(story -> true, resumeId, () -> { })) {
            assertThat(resumed.overflowed()).isFalse();
            assertThat(drain(resumed)).containsExactly("routine");
        }
    }

    @Test
    void aClientResumingOnAnotherInstanceMissesNothingWhateverOrderThatInstanceReadThePartitionsIn() {
        // Given two instances that read the same partitions in different interleavings
        LiveFeed first = new LiveFeed();
        LiveFeed second = new LiveFeed();
        String resumeId;
        try (LiveFeed.Subscription client = first.subscribe(story -> true)) {
            first.visible("0-1", story("a", 5));
            first.visible("0-2", story("b", 5));
            first.visible("1-1", story("c", 5));
            assertThat(drain(client)).containsExactly("a", "b", "c");
            resumeId = client.resumeId();
        }
        second.visible("1-1", story("c", 5));
        second.visible("1-2", story("d", 5));
        second.visible("0-1", story("a", 5));
        second.visible("0-2", story("b", 5));
        second.visible("0-3", story("e", 5));

        // When the client resumes on the second with the id it last got from the first
        try (LiveFeed.Subscription resumed = second.subscribe(story -> true, resumeId, () -> { })) {
            // Then it gets what came after, in both partitions, and nothing it had
            assertThat(drain(resumed)).containsExactly("d", "e");
        }
    }

    @Test
    void theSubscriberIsToldOfEachEventItGetsAndOfAnOverflowButNotOfFilteredOutEvents() {
        LiveFeed live = new LiveFeed();
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        try (LiveFeed.Subscription flashOnly = live.subscribe(story -> story.getArticle().getUrgency() == 1, null,
                told::incrementAndGet)) {
            live.visible(nextId(), story("routine", 5));
            assertThat(told).hasValue(0);

            live.visible(nextId(), story("flash", 1));
            live.removed(nextId(), "gone");
            assertThat(told).hasValue(2);

            for (int i = 0; i <= LiveFeed.MAX_QUEUED; i++) {
                live.visible(nextId(), story("f" + i, 1));
            }
            assertThat(flashOnly.overflowed()).isTrue();
            assertThat(told).hasValue(2 + LiveFeed.MAX_QUEUED + 1);
        }
    }

    private static int ids;

    private static String nextId() {
        return "0-" + (++ids);
    }

    private static List<LiveFeed.Event> drainEvents(LiveFeed.Subscription subscription) {
        List<LiveFeed.Event> events = new ArrayList<>();
        LiveFeed.Event event;
        while ((event = subscription.poll()) != null) {
            events.add(event);
        }
        return events;
    }

    private static List<String> drain(LiveFeed.Subscription subscription) {
        List<String> ids = new ArrayList<>();
        LiveFeed.Event event;
        while ((event = subscription.poll()) != null) {
            ids.add(event.storyId());
        }
        return ids;
    }

    private static ArticleEnriched story(String id, int urgency) {
        ArticleEnriched story = FeedTopologyTest.story(id, 1, "2024-10-21T12:00:00Z");
        story.getArticle().setUrgency(urgency);
        return story;
    }
}
