package io.newsflow.feed.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import io.javalin.http.Context;
import io.newsflow.feed.live.LiveFeed;
import io.newsflow.schemas.ArticleEnriched;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link LiveFeed} subscriptions as Server-Sent Events without holding a request thread per client.
 *
 * <p>A stream's request goes asynchronous as soon as it is set up, so its Jetty thread returns to the pool: a
 * thousand open browser tabs do not starve the JSON API of threads. Events are written with non-blocking servlet
 * output. A new event, or a heartbeat, schedules one drain of that client on a small writer pool; the drain writes
 * while the connection takes more and stops when it does not, and Jetty calls it again when the client has read.
 * So a slow client never blocks a writer thread. Its events wait in its subscription's bounded queue, and when that
 * overflows it gets a {@code resync} event and the stream ends.
 *
 * <p>Wire format: {@code id:}, {@code event:} and {@code data:} lines (the data is JSON) and a blank line per
 * event; comments ({@code : connected}, {@code : heartbeat}) keep idle connections open through proxies.
 */
public final class LiveStreams implements AutoCloseable {

    /** Most live streams an instance serves at once; more are refused with 503 and Retry-After. */
    public static final String MAX_CLIENTS_CONFIG = "feed.live.max.clients";
    /** How often an idle stream gets a heartbeat comment. */
    public static final String HEARTBEAT_MS_CONFIG = "feed.live.heartbeat.ms";
    /**
     * How long a client may take nothing while frames wait for it before its stream is ended. A connection whose
     * reader has gone without closing it would otherwise keep its place until TCP gives up, which takes minutes.
     */
    public static final String STALL_TIMEOUT_MS_CONFIG = "feed.live.stall.timeout.ms";

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
    private static final byte[] CONNECTED = ": connected\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private final LiveFeed live;
    private final Function<Object, String> toJson;
    private final int maxClients;
    private final long stallTimeoutNanos;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger places = new AtomicInteger();
    private volatile boolean closed;
    private final ExecutorService writers = Executors.newFixedThreadPool(2, daemon("feed-live-writer"));
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("feed-live-heartbeat"));

    /**
     * @param toJson renders an event's payload as JSON
     */
    public LiveStreams(LiveFeed live, Function<Object, String> toJson, int maxClients, Duration heartbeat,
                       Duration stallTimeout) {
        if (maxClients < 1) {
            throw new IllegalArgumentException(MAX_CLIENTS_CONFIG + " must be at least 1; got " + maxClients);
        }
        if (stallTimeout.toMillis() < 1) {
            throw new IllegalArgumentException(STALL_TIMEOUT_MS_CONFIG + " must be at least 1; got " + stallTimeout.toMillis());
        }
        if (heartbeat.toMillis() < 1) {
            throw new IllegalArgumentException(HEARTBEAT_MS_CONFIG + " must be at least 1; got " + heartbeat.toMillis());
        }
        this.live = live;
        this.toJson = toJson;
        this.maxClients = maxClients;
        this.stallTimeoutNanos = stallTimeout.toNanos();
        long period = heartbeat.toMillis();
        heartbeats.scheduleAtFixedRate(() -> streams.forEach(Stream::heartbeat), period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes one of the {@code feed.live.max.clients} places for a stream about to {@link #start}; false when all
     * are taken. The place is given back when that stream ends.
     */
    public boolean tryReserve() {
        while (!closed) {
            int taken = places.get();
            if (taken >= maxClients) {
                return false;
            }
            if (places.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Streams open (or starting) now. */
    public int count() {
        return places.get();
    }

    /**
     * Starts streaming the events that pass {@code filter} to the client of {@code ctx}, in a place taken with
     * {@link #tryReserve}: first those after {@code lastEventId} if it is given and still remembered, otherwise a
     * {@code resync}. The request stays open after this returns, until the client leaves, it falls too far behind,
     * or the service stops.
     */
    public void start(Context ctx, Predicate<ArticleEnriched> filter, String lastEventId) {
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("text/event-stream");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        // Javalin turns the request asynchronous before it asks for the future, and non-blocking output needs that.
        ctx.future(() -> {
            CompletableFuture<Void> ended = new CompletableFuture<>();
            ended.whenComplete((ignored, error) -> places.decrementAndGet());
            try {
                AsyncContext async = ctx.req().getAsyncContext();
                // A stream lasts as long as its client; and Jetty may end the exchange itself (a connection failure).
                async.setTimeout(0);
                async.addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        ended.complete(null);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                        ended.complete(null);
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                        ended.complete(null);
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
                Stream stream = new Stream(response.getOutputStream(), ended);
                stream.subscription = live.subscribe(filter, lastEventId, stream::wake);
                streams.add(stream);
                ended.whenComplete((ignored, error) -> {
                    streams.remove(stream);
                    stream.subscription.close();
                });
                stream.out.setWriteListener(stream);
                // Output may be touched only once the listener is set; events that came before wait for this drain.
                stream.listening = true;
                stream.wake();
            } catch (IOException | RuntimeException e) {
                // Not an empty 200, which EventSource would take as a stream and reconnect to at once.
                log.warn("live stream could not start: {}", e.toString());
                if (!response.isCommitted()) {
                    response.setStatus(500);
                }
                ended.complete(null);
            }
            return ended;
        });
    }

    /** Ends every stream; clients reconnect (EventSource does so by itself) to another instance or after a restart. */
    @Override
    public void close() {
        closed = true;
        heartbeats.shutdownNow();
        streams.forEach(Stream::end);
        writers.shutdown();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client's connection. */
    private final class Stream implements WriteListener {
        private final ServletOutputStream out;
        private final CompletableFuture<Void> ended;
        private final AtomicBoolean drainScheduled = new AtomicBoolean();
        private volatile boolean heartbeatDue;
        /** When the connection last stopped taking frames ({@link System#nanoTime}); 0 while it takes them. */
        private volatile long blockedSince;
        /** Set once the write listener is: before that the output is still in blocking mode. */
        private volatile boolean listening;
        private volatile LiveFeed.Subscription subscription;
        private boolean connectedSent;
        /** The last frame was a resync: end the stream once it is out. */
        private boolean ending;
        /**
          * Written since the last flush. Jetty may hold the tail of a frame in its buffer after sending the part that
          * filled it, and the drain that follows may have nothing new to write, so the flag outlives a drain.
          */
        private boolean unflushed;

        Stream(ServletOutputStream out, CompletableFuture<Void> ended) {
            this.out = out;
            this.ended = ended;
        }

        /** Called by the live feed for each event this client gets; must not block. */
        void wake() {
            if (drainScheduled.compareAndSet(false, true)) {
                try {
                    writers.execute(this::drainScheduled);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    drainScheduled.set(false); // shutting down
                }
            }
        }

        /** Runs every heartbeat period: a heartbeat for an idle stream, the end for one stalled too long. */
        void heartbeat() {
            long since = blockedSince;
            if (since != 0 && System.nanoTime() - since > stallTimeoutNanos) {
                log.info("live stream ended: its client took nothing for {} ms", stallTimeoutNanos / 1_000_000);
                end();
                return;
            }
            heartbeatDue = true;
            wake();
        }

        private void drainScheduled() {
            drainScheduled.set(false);
            drain();
        }

        @Override
        public void onWritePossible() {
            drain();
        }

        @Override
        public void onError(Throwable error) {
            end();
        }

        void end() {
            ended.complete(null);
        }

        /**
          * Writes frames while the connection takes them. Jetty calls {@link #onWritePossible} on its own thread
          * and the writer pool calls this on another, so one drain at a time.
          */
        private synchronized void drain() {
            if (!listening || ended.isDone()) {
                return;
            }
            try {
                while (ready()) {
                    byte[] frame = nextFrame();
                    if (frame == null) {
                        if (unflushed) {
                            // Flushing is a write too: it may leave the stream not ready until the client reads, and
                            // Jetty then calls onWritePossible once it has gone out.
                            unflushed = false;
                            out.flush();
                        }
                        if (ending && ready()) {
                            end();
                        }
                        return;
                    }
                    out.write(frame);
                    unflushed = true;
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away (or the response is already complete): nothing more to send.
                end();
            } catch (RuntimeException e) {
                // An event that cannot be rendered must not leave the client waiting on a stream that sends nothing;
                // ended, it reconnects with its Last-Event-ID.
                log.warn("live stream ended: an event could not be written: {}", e.toString());
                end();
            }
        }

        /** {@link ServletOutputStream#isReady}, noting when the connection stopped taking frames. */
        private boolean ready() {
            boolean ready = out.isReady();
            if (ready) {
                blockedSince = 0;
            } else if (blockedSince == 0) {
                blockedSince = System.nanoTime();
            }
            return ready;
        }

        private byte[] nextFrame() {
            if (!connectedSent) {
                connectedSent = true;
                return CONNECTED;
            }
            if (ending) {
                return null;
            }
            if (subscription.overflowed()) {
                ending = true;
                return frame("resync", null, Map.of("reason", "too far behind; reload /feed and reconnect"));
            }
            LiveFeed.Event event;
            while ((event = subscription.poll()) != null) {
                heartbeatDue = false; // an event keeps the connection alive as well
                try {
                    String resumeId = subscription.resumeId();
                    return event.story() != null
                        ? frame("story", resumeId, FeedViews.item(event.story()))
                        : frame("removed", resumeId, Map.of("id", event.storyId()));
                } catch (RuntimeException e) {
                    // Skipped rather than ending the stream: a client resuming before it would only meet it again.
                    log.warn("live event {} skipped: it could not be rendered: {}", event.eventId(), e.toString());
                }
            }
            if (heartbeatDue) {
                heartbeatDue = false;
                return HEARTBEAT;
            }
            return null;
        }

        private byte[] frame(String type, String id, Object data) {
            StringBuilder frame = new StringBuilder(256);
            if (id != null) {
                frame.append("id: ").append(id).append('\n');
            }
            frame.append("event: ").append(type).append('\n');
            // A data line cannot hold a line break; JSON that has one (pretty-printed) goes out as several lines.
            for (String line : toJson.apply(data).split("\n", -1)) {
                frame.append("data: ").append(line).append('\n');
            }
            frame.append('\n');
            return frame.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
