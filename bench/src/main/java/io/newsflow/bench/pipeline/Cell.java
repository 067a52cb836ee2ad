package io.newsflow.bench.pipeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntPredicate;

/**
 * One measured run: a processing guarantee, a path into the pipeline, a load, and for each story sent the instants
 * of every stage it was seen at. All instants are {@link #now()} of this JVM, so one monotonic clock times
 * everything.
 *
 * <p>Story ids are {@code pb-CCC-NNNNNNN}: the cell number and the story's index in it, so the probes find the cell
 * and the slot of a story seen in the pipeline without a map look-up.
 */
final class Cell {

    /** How stories enter the pipeline. */
    enum Entry {
        /** A Kafka producer writes {@code ArticlePublished} to {@code articles.published}, as ingest would. */
        DIRECT("topic"),
        /** One {@code POST /articles} per story. */
        HTTP("HTTP"),
        /** {@code POST /articles:batch}, NDJSON, many stories per request. */
        HTTP_BATCH("HTTP batch");

        final String label;

        Entry(String label) {
            this.label = label;
        }
    }

    /** Throughput (as fast as possible, a fixed number of stories) or latency (a fixed offered rate). */
    enum Kind { WARMUP, THROUGHPUT, LATENCY }

    private static final long ORIGIN = System.nanoTime();
    static final String ID_PREFIX = "pb-";

    final int number;
    final String guarantee;
    final Entry entry;
    final Kind kind;
    /** Offered stories per second; 0 for as fast as possible. */
    final int rate;
    final int round;
    final int capacity;
    /** Stories with a lower index were sent during the warm-up of this cell and are not counted. */
    volatile int measuredFrom;

    /** When the story was handed to the producer, or its HTTP request started. */
    final AtomicLongArray sent;
    /** When the producer's callback or the HTTP answer said it was accepted (202 / acknowledged). */
    final AtomicLongArray acked;
    /** When a read_committed consumer saw it on {@code articles.enriched}. */
    final AtomicLongArray enriched;
    /** When a read_committed consumer saw it on {@code feed.events}, i.e. committed into the feed. */
    final AtomicLongArray committed;
    /** When it arrived on feed-service's live stream ({@code GET /feed/stream}). */
    final AtomicLongArray visible;
    final AtomicInteger issued = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger visibleCount = new AtomicInteger();
    final AtomicInteger committedCount = new AtomicInteger();
    volatile String firstFailure;
    /** Set when the generator stopped early because the pipeline fell too far behind the offered load. */
    volatile boolean saturated;
    /** When it stopped: stories sent but not yet committed into the feed, and how far behind schedule it was (ms). */
    volatile int backlogAtStop;
    volatile double lagAtStopMs;

    Cell(int number, String guarantee, Entry entry, Kind kind, int rate, int round, int capacity) {
        this.number = number;
        this.guarantee = guarantee;
        this.entry = entry;
        this.kind = kind;
        this.rate = rate;
        this.round = round;
        this.capacity = capacity;
        this.sent = new AtomicLongArray(capacity);
        this.acked = new AtomicLongArray(capacity);
        this.enriched = new AtomicLongArray(capacity);
        this.committed = new AtomicLongArray(capacity);
        this.visible = new AtomicLongArray(capacity);
    }

    /** Nanoseconds on this JVM's monotonic clock, never 0 (0 means "not seen"). */
    static long now() {
        return System.nanoTime() - ORIGIN + 1;
    }

    String id(int index) {
        return String.format(Locale.ROOT, "%s%03d-%07d", ID_PREFIX, number, index);
    }

    /** The cell number in a story id of this benchmark, or -1 for any other id. */
    static int cellOf(String id) {
        if (id == null || id.length() != 14 || !id.startsWith(ID_PREFIX) || id.charAt(6) != '-') {
            return -1;
        }
        return digits(id, 3, 6);
    }

    /** The story's index in its cell; only for ids {@link #cellOf} accepted. */
    static int indexOf(String id) {
        return digits(id, 7, 14);
    }

    private static int digits(String id, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    String label() {
        return String.format(Locale.ROOT, "%s %s %s%s", guarantee, entry.label,
            kind == Kind.LATENCY ? rate + "/s" : kind == Kind.WARMUP ? "warm-up" : "max",
            round > 0 ? " round " + round : "");
    }

    void markVisible(int index) {
        if (index >= 0 && index < capacity && visible.compareAndSet(index, 0, now())) {
            visibleCount.incrementAndGet();
        }
    }

    void markCommitted(int index) {
        if (index >= 0 && index < capacity && committed.compareAndSet(index, 0, now())) {
            committedCount.incrementAndGet();
        }
    }

    void markEnriched(int index) {
        if (index >= 0 && index < capacity) {
            enriched.compareAndSet(index, 0, now());
        }
    }

    /** Why the load counts as not sustained, for the log; null while it does. */
    volatile String saturation;

    void saturate(int backlog, double lagMs) {
        backlogAtStop = backlog;
        lagAtStopMs = lagMs;
        saturation = String.format(Locale.ROOT, "generator stopped after %,d stories, %,d not yet in the feed, %.0f ms behind schedule",
            issued.get(), backlog, Math.max(0, lagMs));
        saturated = true;
    }

    /** The generator got through, but the pipeline only caught up {@code seconds} after the last story was sent. */
    void caughtUpLate(double seconds) {
        saturation = String.format(Locale.ROOT, "the last story became visible %.1f s after it was sent", seconds);
        saturated = true;
    }

    void fail(String reason) {
        failed.incrementAndGet();
        if (firstFailure == null) {
            firstFailure = reason;
        }
    }

    /** Stories sent and not failed whose stage is still unseen. */
    int pending(AtomicLongArray stage) {
        int pending = 0;
        int n = issued.get();
        for (int i = 0; i < n; i++) {
            if (stage.get(i) == 0 && acked.get(i) != 0) {
                pending++;
            }
        }
        return pending;
    }

    /**
     * Latencies in microseconds, from {@code from} to {@code to}, of the measured stories where both are known.
     * Sorted ascending.
     */
    long[] latenciesMicros(AtomicLongArray from, AtomicLongArray to) {
        return latenciesMicros(from, to, i -> true);
    }

    long[] latenciesMicros(AtomicLongArray from, AtomicLongArray to, IntPredicate include) {
        int n = issued.get();
        long[] values = new long[Math.max(0, n - measuredFrom)];
        int count = 0;
        for (int i = measuredFrom; i < n; i++) {
            long start = from.get(i);
            long end = to.get(i);
            if (start != 0 && end != 0 && include.test(i)) {
                values[count++] = (end - start) / 1_000;
            }
        }
        long[] result = Arrays.copyOf(values, count);
        Arrays.sort(result);
        return result;
    }

    /** The earliest and latest non-zero instants of a stage over the measured stories, or {0, 0}. */
    long[] span(AtomicLongArray stage) {
        long first = Long.MAX_VALUE;
        long last = 0;
        int n = issued.get();
        for (int i = measuredFrom; i < n; i++) {
            long t = stage.get(i);
            if (t != 0) {
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        return last == 0 ? new long[] {0, 0} : new long[] {first, last};
    }

    /** The instants of a stage over the measured stories, sorted, without the unseen ones. */
    long[] sortedInstants(AtomicLongArray stage) {
        int n = issued.get();
        long[] values = new long[Math.max(0, n - measuredFrom)];
        int count = 0;
        for (int i = measuredFrom; i < n; i++) {
            long t = stage.get(i);
            if (t != 0) {
                values[count++] = t;
            }
        }
        long[] result = Arrays.copyOf(values, count);
        Arrays.sort(result);
        return result;
    }
}
