package io.newsflow.feed.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.newsflow.platform.serde.TrustedAvroTypes;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;

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
 *       gets what it missed. Events are {@code feed.events} records, named by partition and offset. The id sent
 *       with each event ({@link Subscription#resumeId}) is not that event's own but, per partition, the offset up
 *       to which the subscriber has had everything: events leave its queue by urgency, not in order, and
 *       instances read the partitions in different interleavings, so only such a position per partition lets a
 *       client resume on any instance without a gap. Resuming may repeat an event, never skip one.
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
    /** Per partition, the offset of the newest event published. */
    private final Map<Integer, Long> newest = new TreeMap<>();
    /** Per partition, the offset of the newest event no longer in {@link #recent}. */
    private final Map<Integer, Long> forgotten = new HashMap<>();

    public LiveFeed() {
        // visible() copies stories, which Avro allows only for the generated types it has been told to trust
        TrustedAvroTypes.trust(ArticleEnriched.class);
    }

    /** One event: a story (ordered by its urgency) or a removal (ordered ahead of stories). */
    public record Event(String eventId, String type, ArticleEnriched story, String storyId, int urgency, long sequence) {

        /** The event's partition and offset from its id ({@code 3-1042}), or null for an id of another shape. */
        long[] position() {
            return LiveFeed.position(eventId);
        }
    }

    /** A live subscriber's queue and filter. */
    public final class Subscription implements AutoCloseable {
        private final Predicate<ArticleEnriched> filter;
        private final Runnable onEvent;
        private final PriorityBlockingQueue<Event> queue = new PriorityBlockingQueue<>(16,
            Comparator.comparingInt(Event::urgency).thenComparingLong(Event::sequence));
        private volatile boolean overflowed;
        private volatile Event lastPolled;

        private Subscription(Predicate<ArticleEnriched> filter, Runnable onEvent) {
            this.filter = filter;
            this.onEvent = onEvent;
        }

        /** The next event, most urgent first, or null when none is waiting. */
        public Event poll() {
            Event event = queue.poll();
            if (event != null) {
                lastPolled = event;
            }
            return event;
        }

        /**
         * Where this subscriber may resume from once it has the event just polled: for each partition, the offset
         * before the oldest event still waiting for it there, or the newest offset published when none waits. Send
         * it as the SSE {@code id}; {@link #subscribe} takes it back as {@code Last-Event-ID}.
         */
        public String resumeId() {
            synchronized (LiveFeed.this) {
                if (newest.isEmpty()) {
                    return lastPolled == null ? null : lastPolled.eventId();
                }
                Map<Integer, Long> upTo = new TreeMap<>(newest);
                for (Event waiting : queue) {
                    long[] at = waiting.position();
                    if (at != null) {
                        upTo.merge((int) at[0], at[1] - 1, Math::min);
                    }
                }
                StringBuilder id = new StringBuilder();
                upTo.forEach((partition, offset) -> id.append(id.isEmpty() ? "" : ".").append(partition).append('-').append(offset));
                return id.toString();
            }
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
     * A new subscriber that first receives the events after {@code lastEventId} (a {@link Subscription#resumeId}),
     * if they are still remembered; if some are not, the subscription starts out overflowed, so the client
     * resynchronises.
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

    /**
     * This instance hears {@code partition} only from {@code offset} on: a client resuming from before it missed
     * events this instance never had, and must resynchronise.
     */
    public synchronized void startsAt(int partition, long offset) {
        if (offset > 0) {
            forgotten.merge(partition, offset - 1, Math::max);
            newest.merge(partition, offset - 1, Math::max);
        }
    }

    public int subscribers() {
        return subscriptions.size();
    }

    /**
     * A story became visible (published, updated or released from embargo). It is kept without its body, which
     * neither filters nor the event's feed item use: {@link #RESUME_WINDOW} stories of up to 1 MiB each would
     * otherwise be held for resuming clients.
     */
    public void visible(String eventId, ArticleEnriched story) {
        ArticleEnriched withoutBody = ArticleEnriched.newBuilder(story)
            .setArticle(ArticlePublished.newBuilder(story.getArticle()).setBody("").build())
            .build();
        publish(new Event(eventId, "story", withoutBody, story.getArticle().getId(), story.getArticle().getUrgency(),
            sequence.incrementAndGet()));
    }

    /** A story left the feed; removals jump the queue so a killed story disappears at once. */
    public void removed(String eventId, String storyId) {
        publish(new Event(eventId, "removed", null, storyId, 0, sequence.incrementAndGet()));
    }

    private synchronized void publish(Event event) {
        long[] at = event.position();
        if (at != null) {
            newest.merge((int) at[0], at[1], Math::max);
        }
        recent.addLast(event);
        if (recent.size() > RESUME_WINDOW) {
            long[] gone = recent.removeFirst().position();
            if (gone != null) {
                forgotten.merge((int) gone[0], gone[1], Math::max);
            }
        }
        subscriptions.forEach(subscription -> subscription.offer(event));
    }

    /**
     * The remembered events a client resuming from {@code resumeId} has not had, in arrival order; null when some
     * of them are forgotten already. A partition the id does not name is one the client had nothing from.
     */
    private List<Event> eventsAfter(String resumeId) {
        Map<Integer, Long> had = new HashMap<>();
        for (String part : resumeId.split("\\.")) {
            long[] at = position(part);
            if (at == null) {
                return eventsAfterEvent(resumeId);
            }
            had.put((int) at[0], at[1]);
        }
        for (Map.Entry<Integer, Long> gone : forgotten.entrySet()) {
            if (gone.getValue() > had.getOrDefault(gone.getKey(), -1L)) {
                return null;
            }
        }
        List<Event> after = new ArrayList<>();
        for (Event event : recent) {
            long[] at = event.position();
            if (at != null && at[1] > had.getOrDefault((int) at[0], -1L)) {
                after.add(event);
            }
        }
        return after;
    }

    /** For event ids without a position: the events after that one in this instance's arrival order. */
    private List<Event> eventsAfterEvent(String eventId) {
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

    /** {@code partition-offset} as two numbers, or null for an id of another shape. */
    static long[] position(String eventId) {
        int dash = eventId.indexOf('-');
        if (dash < 1 || dash == eventId.length() - 1) {
            return null;
        }
        try {
            long partition = Long.parseLong(eventId, 0, dash, 10);
            long offset = Long.parseLong(eventId, dash + 1, eventId.length(), 10);
            return partition >= 0 && partition <= Integer.MAX_VALUE && offset >= 0 ? new long[] {partition, offset} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
