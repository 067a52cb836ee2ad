package io.newsflow.feed.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.newsflow.schemas.ArticleEnriched;

/**
 * Fans stories entering and leaving the feed out to live subscribers.
 *
 * <ul>
 *   <li>Each subscriber has its own bounded queue ordered by urgency, then arrival, so a flash (urgency 1)
 *       overtakes routine stories still waiting for a slow connection.
 *   <li>An event for a story replaces that story's event still waiting in the queue. Urgency order would
 *       otherwise let a removal overtake the story it removes, or a flash update overtake the routine version
 *       before it, and the client would end up showing the older state.
 *   <li>A subscriber that falls more than {@link #MAX_QUEUED} events behind is told to resynchronise
 *       instead of being buffered without limit.
 *   <li>The last {@link #RESUME_WINDOW} events are kept, so a client reconnecting with {@code Last-Event-ID}
 *       gets what it missed. Event ids are the {@code feed.events} partition and offset, the same on every
 *       instance.
 * </ul>
 */
public final class LiveFeed {

    /** Most events a subscriber may have waiting before it is cut off with a {@code resync} event. */
    static final int MAX_QUEUED = 1_000;
    /** Recent events kept for clients resuming with Last-Event-ID. */
    static final int RESUME_WINDOW = 10_000;

    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Deque<Event> recent = new ArrayDeque<>();

    /** One event: a story (ordered by its urgency) or a removal (ordered ahead of stories). */
    public record Event(String eventId, String type, ArticleEnriched story, String storyId, int urgency, long sequence) {
    }

    /** A live subscriber's queue and filter. */
    public final class Subscription implements AutoCloseable {
        private final Predicate<ArticleEnriched> filter;
        private final Runnable onEvent;
        private final PriorityBlockingQueue<Event> queue = new PriorityBlockingQueue<>(16,
            Comparator.comparingInt(Event::urgency).thenComparingLong(Event::sequence));
        private volatile boolean overflowed;

        private Subscription(Predicate<ArticleEnriched> filter, Runnable onEvent) {
            this.filter = filter;
            this.onEvent = onEvent;
        }

        /** The next event, most urgent first, or null when none is waiting. */
        public Event poll() {
            return queue.poll();
        }

        /** True once the subscriber missed events: the client must reload the feed and reconnect. */
        public boolean overflowed() {
            return overflowed;
        }

        public int queued() {
            return queue.size();
        }

        void offer(Event event) {
            if (event.story() != null && !filter.test(event.story())) {
                return;
            }
            queue.removeIf(waiting -> waiting.storyId().equals(event.storyId()));
            if (queue.size() >= MAX_QUEUED) {
                overflowed = true;
                queue.clear();
            } else {
                queue.offer(event);
            }
            onEvent.run();
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    /** A new subscriber receiving events from now on. */
    public Subscription subscribe(Predicate<ArticleEnriched> filter) {
        return subscribe(filter, null, () -> { });
    }

    /**
     * A new subscriber that first receives the events after {@code lastEventId}, if that event is still
     * remembered; if it is not, the subscription starts out overflowed, so the client resynchronises.
     *
     * @param onEvent runs, on the publishing thread, whenever an event is queued for this subscriber or it
     *                overflows; it must return at once
     */
    public synchronized Subscription subscribe(Predicate<ArticleEnriched> filter, String lastEventId, Runnable onEvent) {
        Subscription subscription = new Subscription(filter, onEvent);
        if (lastEventId != null) {
            List<Event> missed = eventsAfter(lastEventId);
            if (missed == null) {
                subscription.overflowed = true;
            } else {
                missed.forEach(subscription::offer);
            }
        }
        subscriptions.add(subscription);
        return subscription;
    }

    public int subscribers() {
        return subscriptions.size();
    }

    /** A story became visible (published, updated or released from embargo). */
    public void visible(String eventId, ArticleEnriched story) {
        publish(new Event(eventId, "story", story, story.getArticle().getId(), story.getArticle().getUrgency(),
            sequence.incrementAndGet()));
    }

    /** A story left the feed; removals jump the queue so a killed story disappears at once. */
    public void removed(String eventId, String storyId) {
        publish(new Event(eventId, "removed", null, storyId, 0, sequence.incrementAndGet()));
    }

    private synchronized void publish(Event event) {
        recent.addLast(event);
        if (recent.size() > RESUME_WINDOW) {
            recent.removeFirst();
        }
        subscriptions.forEach(subscription -> subscription.offer(event));
    }

    private List<Event> eventsAfter(String eventId) {
        List<Event> after = new ArrayList<>();
        boolean found = false;
        for (Event event : recent) {
            if (found) {
                after.add(event);
            } else if (event.eventId().equals(eventId)) {
                found = true;
            }
        }
        return found ? after : null;
    }
}
