package io.newsflow.enrich.dictionary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.newsflow.linking.Dictionary;
import io.newsflow.linking.DictionaryEntry;
import io.newsflow.linking.EntityLinker;
import io.newsflow.schemas.DictionaryEdit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linker enrich-service uses right now: the dictionary shipped in the jar with every editor's change from
 * {@code dictionary.entries} on top. Changes arrive on the global-store thread; the linker is rebuilt off
 * that thread, shortly after a burst of changes settles, and swapped in atomically, so stream threads never
 * wait and never see half a dictionary.
 */
public final class LiveDictionary implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveDictionary.class);
    static final Duration SETTLE = Duration.ofMillis(200);

    private final Dictionary base;
    private final Clock clock;
    private final AtomicReference<EntityLinker> linker;
    private final Map<String, DictionaryEntry> upserts = new HashMap<>();
    private final Set<String> removals = new HashSet<>();
    private final ScheduledExecutorService rebuilder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dictionary-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Consumer<Integer> onReplayRequested;
    private ScheduledFuture<?> pendingRebuild;
    private int pendingReplayHours;
    private volatile Instant rebuiltAt;
    private volatile long generation;

    public LiveDictionary(Dictionary base, Clock clock, Consumer<Integer> onReplayRequested) {
        this.base = base;
        this.clock = clock;
        this.onReplayRequested = onReplayRequested;
        this.linker = new AtomicReference<>(EntityLinker.create(base));
        this.rebuiltAt = clock.instant();
    }

    /** The linker to use for the next story. */
    public EntityLinker linker() {
        return linker.get();
    }

    /** Records an editor's change; the linker picks it up within {@link #SETTLE} plus the rebuild time. */
    public synchronized void apply(DictionaryEdit edit) {
        String id = edit.getEntityId();
        if (edit.getEntry() == null) {
            upserts.remove(id);
            removals.add(id);
        } else {
            removals.remove(id);
            upserts.put(id, DictionaryEntry.fromJson(edit.getEntry()));
        }
        pendingReplayHours = Math.max(pendingReplayHours, edit.getReplayHours());
        scheduleRebuild();
    }

    /** Forgets an edit (a tombstone on the topic): the shipped entry, if any, applies again. */
    public synchronized void revert(String entityId) {
        upserts.remove(entityId);
        removals.remove(entityId);
        scheduleRebuild();
    }

    private void scheduleRebuild() {
        if (pendingRebuild != null) {
            pendingRebuild.cancel(false);
        }
        pendingRebuild = rebuilder.schedule(this::rebuild, SETTLE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void rebuild() {
        Map<String, DictionaryEntry> changes;
        Set<String> deleted;
        int replayHours;
        synchronized (this) {
            changes = Map.copyOf(upserts);
            deleted = Set.copyOf(removals);
            replayHours = pendingReplayHours;
            pendingReplayHours = 0;
        }
        try {
            long started = System.nanoTime();
            Dictionary dictionary = base.withChanges(changes, deleted);
            linker.set(EntityLinker.create(dictionary));
            rebuiltAt = clock.instant();
            generation++;
            log.info("dictionary rebuilt with {} edited and {} removed entries ({} entries) in {} ms", changes.size(), deleted.size(),
                dictionary.size(), (System.nanoTime() - started) / 1_000_000);
            if (replayHours > 0) {
                onReplayRequested.accept(replayHours);
            }
        } catch (RuntimeException e) {
            // A bad edit must not take enrichment down: keep the last good linker and say why loudly.
            log.error("dictionary edit rejected, keeping the previous dictionary: {}", e.getMessage());
        }
    }

    /** Summary for {@code GET /dictionary}. */
    public synchronized Status status() {
        return new Status(linker.get().dictionary().size(), upserts.size(), removals.size(), generation, rebuiltAt);
    }

    /** The effective entry for one id, if any, and whether an editor changed it. */
    public synchronized java.util.Optional<EffectiveEntry> entry(String id) {
        if (removals.contains(id)) {
            return java.util.Optional.empty();
        }
        DictionaryEntry edited = upserts.get(id);
        if (edited != null) {
            return java.util.Optional.of(new EffectiveEntry(edited, true));
        }
        return base.entry(id).map(entry -> new EffectiveEntry(entry, false));
    }

    /** What {@code GET /dictionary} reports. */
    public record Status(int entries, int edited, int removed, long generation, Instant rebuiltAt) {
    }

    /** One entry as enrichment sees it now. */
    public record EffectiveEntry(DictionaryEntry entry, boolean edited) {
    }

    @Override
    public void close() {
        rebuilder.shutdownNow();
    }
}
