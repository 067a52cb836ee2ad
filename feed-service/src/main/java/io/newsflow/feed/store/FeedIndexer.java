package io.newsflow.feed.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.newsflow.platform.metrics.PipelineMetrics;
import io.newsflow.platform.logging.StoryLog;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import io.newsflow.schemas.StoryHistory;
import io.newsflow.schemas.VersionSummary;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps feed-service's stores in step for every enriched story version.
 *
 * <ul>
 *   <li>{@code articles}: the newest version per story id, whatever its status.
 *   <li>{@code timeline} and {@code feed-index}: one entry per <em>visible</em> story (usable and past any
 *       embargo), at its feed slot, newest first; the timeline holds the story's feed item rendered as JSON, and
 *       the index repeats the slot under each tag, entity, source, language and urgency. The index is in memory
 *       and rebuilt from the timeline and articles when the task starts ({@link FeedIndexStore}).
 *   <li>{@code embargoes}: stories held back, ordered by release time. A wall-clock punctuator releases the
 *       due ones every second, so they appear by themselves; wall-clock rather than stream time because an
 *       embargo is a promise about real time, and stream time stands still when no story arrives.
 *   <li>{@code story-history}: every version's summary and what changed, kills included.
 * </ul>
 *
 * With a {@link FeedRetention} limit, a second wall-clock punctuator removes stories past it from every store,
 * oldest first, at most {@link #RETENTION_BATCH} per partition and round, so one round never stalls processing.
 * With an age limit it also sweeps out withheld stories past it, which are stored but never in the timeline.
 *
 * A newer version replaces the older one everywhere; an older version arriving late is ignored; a kill or a
 * tombstone removes the story from every view.
 *
 * <p>Out: every story entering the feed, and a tombstone for every story leaving it, for {@code feed.events}.
 *
 * <p>Each story is handled with its id and version in the MDC ({@link StoryLog}), so every line logged about it
 * names both.
 */
public final class FeedIndexer implements Processor<String, ArticleEnriched, String, ArticleEnriched> {

    private static final Logger log = LoggerFactory.getLogger(FeedIndexer.class);
    static final Duration RELEASE_INTERVAL = Duration.ofSeconds(1);
    static final Duration RETENTION_INTERVAL = Duration.ofSeconds(10);
    /** Most stories one retention round removes, and most stories one sweep for withheld stories examines. */
    public static final int RETENTION_BATCH = 10_000;
    /** Timeline entries per batch of feed items parsed while the index is rebuilt. */
    private static final int REBUILD_BATCH = 2_000;

    private final PipelineMetrics metrics;
    private final FeedItemFormat items;
    private final TimelineWrites timelineWrites;
    private final FeedRetention retention;
    /** Visible stories in this partition's timeline, counted on the first retention round; -1 until then. */
    private long visibleStories = -1;
    /** The story id the next sweep for withheld stories past the age limit starts at; null for the first. */
    private String withheldSweepFrom;
    private ProcessorContext<String, ArticleEnriched> context;
    private KeyValueStore<String, ArticleEnriched> articles;
    private KeyValueStore<Bytes, String> timeline;
    private FeedIndexStore index;
    private KeyValueStore<Bytes, String> embargoes;
    private KeyValueStore<String, StoryHistory> history;

    /**
     * @param items renders a story as the feed item JSON the API serves, stored in the timeline, and reads an item's
     *     index terms back when the index is rebuilt
     * @param timelineWrites told of each timeline entry this indexer puts or deletes, after the store has it
     */
    public FeedIndexer(PipelineMetrics metrics, FeedItemFormat items, TimelineWrites timelineWrites) {
        this(metrics, items, timelineWrites, FeedRetention.KEEP_ALL);
    }

    /** @param retention which stories leave the feed by age or count */
    public FeedIndexer(PipelineMetrics metrics, FeedItemFormat items, TimelineWrites timelineWrites,
                       FeedRetention retention) {
        this.metrics = metrics;
        this.items = items;
        this.timelineWrites = timelineWrites;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, ArticleEnriched> context) {
        this.context = context;
        articles = context.getStateStore(FeedStores.ARTICLES);
        timeline = context.getStateStore(FeedStores.TIMELINE);
        index = context.getStateStore(FeedStores.INDEX);
        embargoes = context.getStateStore(FeedStores.EMBARGOES);
        history = context.getStateStore(FeedStores.HISTORY);
        rebuildIndex();
        context.schedule(RELEASE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::releaseDue);
        if (retention.limitsAge() || retention.limitsCount()) {
            context.schedule(RETENTION_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::enforceRetention);
        }
    }

    @Override
    public void process(Record<String, ArticleEnriched> record) {
        String storyId = record.key();
        ArticleEnriched incoming = record.value();
        if (storyId == null) {
            log.warn("skipping an enriched record without a story id");
            return;
        }
        try (StoryLog.Scope story = StoryLog.story(storyId, incoming == null ? null : incoming.getArticle().getVersion())) {
            process(storyId, incoming);
        }
    }

    private void process(String storyId, ArticleEnriched incoming) {
        ArticleEnriched current = articles.get(storyId);
        if (incoming == null) {
            unindex(current);
            articles.delete(storyId);
            metrics.count("removed");
            return;
        }
        ArticlePublished next = incoming.getArticle();
        if (current != null && current.getArticle().getVersion() > next.getVersion()) {
            log.info("story {} v{} ignored: v{} is already in the feed", storyId, next.getVersion(), current.getArticle().getVersion());
            return;
        }
        record(storyId, current == null ? null : current.getArticle(), next);
        unindex(current);
        if (next.getPubStatus() == PubStatus.canceled) {
            articles.delete(storyId);
            log.info("story {} killed at v{}: removed from the feed", storyId, next.getVersion());
            metrics.count("killed");
            return;
        }
        articles.put(storyId, incoming);
        if (next.getPubStatus() != PubStatus.usable) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (isEmbargoed(next, now)) {
            embargoes.put(new EmbargoKey(next.getEmbargoUntil(), storyId).toBytes(), storyId);
            metrics.count("embargoed");
            return;
        }
        index(incoming);
        boolean reEnriched = current != null && current.getArticle().getVersion() == next.getVersion();
        metrics.count(reEnriched ? "re-indexed" : "indexed");
        if (!reEnriched) {
            metrics.reached(PipelineMetrics.STAGE_VISIBLE, next.getIngestedAt(), next.getPublishedAt(), now);
        }
    }

    /** Moves every story whose embargo has passed into the feed. */
    private void releaseDue(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        List<KeyValue<Bytes, String>> due = new ArrayList<>();
        try (var iterator = embargoes.range(null, EmbargoKey.dueBy(now))) {
            iterator.forEachRemaining(due::add);
        }
        for (KeyValue<Bytes, String> entry : due) {
            embargoes.delete(entry.key);
            ArticleEnriched story = articles.get(entry.value);
            // The story may have been updated or killed while it waited; only its current form counts.
            if (story != null && story.getArticle().getPubStatus() == PubStatus.usable && !isEmbargoed(story.getArticle(), now)) {
                try (StoryLog.Scope scope = StoryLog.story(entry.value, story.getArticle().getVersion())) {
                    index(story);
                    metrics.count("released");
                    log.info("story {} released from embargo", entry.value);
                }
            }
        }
    }

    /**
     * Removes the stories past the retention limits from every store, oldest first. The count limit is checked
     * against a running count of this partition's visible stories, taken once by a scan and kept by
     * {@link #index} and {@link #unindex}; the age limit is one range scan from the cutoff to the oldest entry.
     */
    private void enforceRetention(long wallClockMs) {
        Set<Bytes> expired = new LinkedHashSet<>();
        if (retention.limitsCount()) {
            if (visibleStories < 0) {
                visibleStories = countTimeline();
            }
            long excess = Math.min(visibleStories - retention.maxStoriesPerPartition(), RETENTION_BATCH);
            try (var oldestFirst = timeline.reverseAll()) {
                while (expired.size() < excess && oldestFirst.hasNext()) {
                    expired.add(oldestFirst.next().key);
                }
            }
        }
        if (retention.limitsAge()) {
            Instant cutoff = Instant.ofEpochMilli(wallClockMs).minus(retention.maxAge());
            // Keys order newest first, so everything from the cutoff's key on is older than the cutoff.
            try (var older = timeline.range(new TimelineKey(cutoff, "").toBytes(), null)) {
                while (expired.size() < RETENTION_BATCH && older.hasNext()) {
                    expired.add(older.next().key);
                }
            }
        }
        expired.forEach(this::expire);
        if (retention.limitsAge()) {
            expireWithheld(Instant.ofEpochMilli(wallClockMs).minus(retention.maxAge()));
        }
    }

    /**
     * Withheld stories are in {@code articles} and {@code story-history} but not in the timeline, so the timeline
     * scans above never see them. This sweep walks {@code articles} in id order, at most {@link #RETENTION_BATCH}
     * stories per round and on from where the last round stopped, and removes the withheld ones whose slot is
     * older than {@code cutoff}. At 10,000 stories per 10 s a partition of a million stories is covered in about
     * 17 minutes, with one Avro decoding per story examined. Embargoed stories are left alone: once released they
     * age like any other.
     */
    private void expireWithheld(Instant cutoff) {
        List<String> past = new ArrayList<>();
        try (var inIdOrder = articles.range(withheldSweepFrom, null)) {
            for (int examined = 0; examined < RETENTION_BATCH && inIdOrder.hasNext(); examined++) {
                KeyValue<String, ArticleEnriched> entry = inIdOrder.next();
                ArticlePublished article = entry.value.getArticle();
                if (article.getPubStatus() == PubStatus.withheld && VersionChanges.slot(article).isBefore(cutoff)) {
                    past.add(entry.key);
                }
            }
            withheldSweepFrom = inIdOrder.hasNext() ? inIdOrder.peekNextKey() : null;
        }
        for (String storyId : past) {
            try (StoryLog.Scope scope = StoryLog.story(storyId)) {
                articles.delete(storyId);
                history.delete(storyId);
                metrics.count("expired");
                log.debug("withheld story {} removed: past its retention", storyId);
            }
        }
    }

    private void expire(Bytes timelineKey) {
        String storyId = TimelineKey.fromBytes(timelineKey).storyId();
        ArticleEnriched story = articles.get(storyId);
        try (StoryLog.Scope scope = StoryLog.story(storyId, story == null ? null : story.getArticle().getVersion())) {
            if (story != null && timelineKey(story).equals(timelineKey)) {
                unindex(story);
                articles.delete(storyId);
                history.delete(storyId);
                metrics.count("expired");
                log.debug("story {} left the feed: past its retention", storyId);
            } else if (timeline.delete(timelineKey) != null) {
                // An entry whose story moved or left without it: only the entry itself goes.
                if (visibleStories > 0) {
                    visibleStories--;
                }
                timelineWrites.changed(timelineKey);
            }
        }
    }

    /**
     * Fills the in-memory index from this partition's timeline, as restored or reopened: one sequential walk, reading
     * each story's terms back from its stored feed item. The walk is newest first, so each term's keys come out in the
     * index's order and load without sorting. Only this thread touches the store; the items of each batch are parsed
     * on the common pool meanwhile, which about halves the time when another core is free.
     */
    private void rebuildIndex() {
        long started = System.nanoTime();
        Map<String, List<byte[]>> keysByTerm = new HashMap<>();
        ArrayDeque<ParsedBatch> parsing = new ArrayDeque<>();
        long stories = 0;
        try (var visible = timeline.all()) {
            while (visible.hasNext()) {
                List<KeyValue<Bytes, String>> batch = new ArrayList<>(REBUILD_BATCH);
                while (batch.size() < REBUILD_BATCH && visible.hasNext()) {
                    batch.add(visible.next());
                }
                parsing.add(new ParsedBatch(batch, CompletableFuture.supplyAsync(() -> itemTerms(batch))));
                while (parsing.size() > 2 || (!visible.hasNext() && !parsing.isEmpty())) {
                    stories += addToIndex(parsing.poll(), keysByTerm);
                }
            }
        }
        index.load(keysByTerm);
        log.info("feed index of {} rebuilt: {} stories under {} terms in {} ms", context.taskId(), stories,
            keysByTerm.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Timeline entries read, and the terms of those that hold feed items (null for the others), being parsed. */
    private record ParsedBatch(List<KeyValue<Bytes, String>> entries, CompletableFuture<List<List<String>>> itemTerms) {
    }

    private List<List<String>> itemTerms(List<KeyValue<Bytes, String>> entries) {
        List<List<String>> terms = new ArrayList<>(entries.size());
        for (KeyValue<Bytes, String> entry : entries) {
            terms.add(FeedStores.isRenderedItem(entry.value) ? items.indexTerms(entry.value) : null);
        }
        return terms;
    }

    /** Adds one parsed batch, in walk order; returns how many stories it indexed. */
    private int addToIndex(ParsedBatch batch, Map<String, List<byte[]>> keysByTerm) {
        List<List<String>> parsed = batch.itemTerms().join();
        int stories = 0;
        for (int i = 0; i < parsed.size(); i++) {
            KeyValue<Bytes, String> entry = batch.entries().get(i);
            List<String> terms = parsed.get(i) != null ? parsed.get(i) : termsOf(entry);
            byte[] key = entry.key.get();
            for (String term : terms) {
                keysByTerm.computeIfAbsent(term, t -> new ArrayList<>()).add(key);
            }
            stories += terms.isEmpty() ? 0 : 1;
        }
        return stories;
    }

    /** The index terms of one timeline entry; none for an entry left behind by a story that moved. */
    private List<String> termsOf(KeyValue<Bytes, String> entry) {
        if (FeedStores.isRenderedItem(entry.value)) {
            return items.indexTerms(entry.value);
        }
        // Timelines written before feed items were stored there hold the story id.
        ArticleEnriched story = articles.get(entry.value);
        return story != null && timelineKey(story).equals(entry.key) ? IndexTerms.termsOf(story) : List.of();
    }

    private long countTimeline() {
        long count = 0;
        try (var all = timeline.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    static boolean isEmbargoed(ArticlePublished article, Instant now) {
        return article.getEmbargoUntil() != null && article.getEmbargoUntil().isAfter(now);
    }

    private void index(ArticleEnriched story) {
        Bytes timelineKey = timelineKey(story);
        timeline.put(timelineKey, items.render(story));
        if (visibleStories >= 0) {
            visibleStories++;
        }
        for (String term : IndexTerms.termsOf(story)) {
            index.add(term, timelineKey.get());
        }
        timelineWrites.changed(timelineKey);
        // Live subscribers on every instance hear about it through feed.events, committed with this update.
        context.forward(new Record<>(story.getArticle().getId(), story, context.currentSystemTimeMs()));
    }

    private void unindex(ArticleEnriched story) {
        if (story == null) {
            return;
        }
        Bytes timelineKey = timelineKey(story);
        boolean wasVisible = timeline.delete(timelineKey) != null;
        if (wasVisible && visibleStories >= 0) {
            visibleStories--;
        }
        for (String term : IndexTerms.termsOf(story)) {
            index.remove(term, timelineKey.get());
        }
        timelineWrites.changed(timelineKey);
        ArticlePublished article = story.getArticle();
        if (article.getEmbargoUntil() != null) {
            embargoes.delete(new EmbargoKey(article.getEmbargoUntil(), article.getId()).toBytes());
        }
        if (wasVisible) {
            context.forward(new Record<>(article.getId(), (ArticleEnriched) null, context.currentSystemTimeMs()));
        }
    }

    private void record(String storyId, ArticlePublished previous, ArticlePublished next) {
        if (previous != null && previous.getVersion() == next.getVersion()) {
            return; // the same version enriched again (a dictionary replay): its place in the chain is unchanged
        }
        StoryHistory chain = history.get(storyId);
        List<VersionSummary> versions = chain == null ? new ArrayList<>() : new ArrayList<>(chain.getVersions());
        versions.removeIf(v -> v.getVersion() == next.getVersion());
        versions.add(VersionSummary.newBuilder()
            .setVersion(next.getVersion())
            .setPubStatus(next.getPubStatus())
            .setHeadline(next.getHeadline())
            .setPublishedAt(next.getPublishedAt())
            .setIngestedAt(next.getIngestedAt())
            .setEditorNote(next.getEditorNote())
            .setChanges(VersionChanges.between(previous, next))
            .build());
        history.put(storyId, StoryHistory.newBuilder().setId(storyId).setVersions(versions).build());
    }

    static Bytes timelineKey(ArticleEnriched story) {
        ArticlePublished article = story.getArticle();
        return new TimelineKey(VersionChanges.slot(article), article.getId()).toBytes();
    }
}
