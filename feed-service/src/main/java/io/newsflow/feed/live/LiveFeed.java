package io.newsflow.feed.live;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.newsflow.feed.store.FeedListener;
import io.newsflow.schemas.ArticleEnriched;

/**
 * Fans stories entering the feed out to live subscribers. Each subscriber has its own bounded queue ordered
 * by urgency, then arrival, so a flash (urgency 1) overtakes routine stories still waiting for a slow
 * connection; and a subscriber that falls too far behind is told to resynchronise instead of buffering
 * without limit.
 */
public final class LiveFeed implements FeedListener {

    /** Most events a subscriber may have waiting before it is cut off with a {@code resync} event. */
    static final int MAX_QUEUED = 1_000;

    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private final AtomicLong sequence = new AtomicLong();

    /** One queued event: a story (urgency-ordered) or a removal. */
    public record Event(String type, ArticleEnriched story, String storyId, int urgency, long sequence) {
    }

    /** A live subscriber's queue and filter. */
    public final class Subscription implements AutoCloseable {
        private final Predicate<ArticleEnriched> filter;
        private final PriorityBlockingQueue<Event> queue = new PriorityBlockingQueue<>(16,
            Comparator.comparingInt(Event::urgency).thenComparingLong(Event::sequence));
        private volatile boolean overflowed;

        private Subscription(Predicate<ArticleEnriched> filter) {
            this.filter = filter;
        }

        /** The next event, waiting up to {@code timeoutMs}; null on timeout (time for a heartbeat). */
        public Event next(long timeoutMs) throws InterruptedException {
            return queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
        }

        /** True once the queue overflowed: the client must reload the feed and reconnect. */
        public boolean overflowed() {
            return overflowed;
        }

        public int queued() {
            return queue.size();
        }

        void offer(Event event) {
            if (queue.size() >= MAX_QUEUED) {
                overflowed = true;
                queue.clear();
                return;
            }
            queue.offer(event);
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    public Subscription subscribe(Predicate<ArticleEnriched> filter) {
        Subscription subscription = new Subscription(filter);
        subscriptions.add(subscription);
        return subscription;
    }

    public int subscribers() {
        return subscriptions.size();
    }

    @Override
    public void visible(ArticleEnriched story) {
        long seq = sequence.incrementAndGet();
        Event event = new Event("story", story, story.getArticle().getId(), story.getArticle().getUrgency(), seq);
        for (Subscription subscription : subscriptions) {
            if (subscription.filter.test(story)) {
                subscription.offer(event);
            }
        }
    }

    @Override
    public void removed(String storyId) {
        // Removals jump the queue (urgency 0): a client must never show a killed story a moment longer than needed.
        Event event = new Event("removed", null, storyId, 0, sequence.incrementAndGet());
        subscriptions.forEach(subscription -> subscription.offer(event));
    }
}
