package io.newsflow.enrich.dictionary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    /** Every edit received, as the API shows them: what was built plus what is still {@link #pending}. */
    private final Map<String, DictionaryEntry> upserts = new HashMap<>();
    private final Set<String> removals = new HashSet<>();
    /** The edits in the linker in use. */
    private final Map<String, DictionaryEntry> builtUpserts = new HashMap<>();
    private final Set<String> builtRemovals = new HashSet<>();
    /** Per id, why its newest edit could not be built; gone once a later edit of the id is built. */
    private final Map<String, String> rejected = new HashMap<>();
    /** Per id, its newest change not yet built, in the order the ids changed. */
    private final Map<String, Change> pending = new LinkedHashMap<>();
    private final ScheduledExecutorService rebuilder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dictionary-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Consumer<Integer> onReplayRequested;
    /** Edits made before this instance started were replayed by the instances running then. */
    private final Instant startedAt;
    private ScheduledFuture<?> pendingRebuild;
    private int pendingReplayHours;
    private volatile Instant rebuiltAt;
    private volatile long generation;

    public LiveDictionary(Dictionary base, Clock clock, Consumer<Integer> onReplayRequested) {
        this.base = base;
        this.clock = clock;
        this.onReplayRequested = onReplayRequested;
        this.linker = new AtomicReference<>(EntityLinker.create(base));
        this.startedAt = clock.instant();
        this.rebuiltAt = startedAt;
    }

    /** The linker to use for the next story. */
    public EntityLinker linker() {
        return linker.get();
    }

    /** Records an editor's change; the linker picks it up within {@link #SETTLE} plus the rebuild time. */
    public void apply(DictionaryEdit edit) {
        apply(edit, clock.instant());
    }

    /**
     * Records a change written to the topic at {@code madeAt}. Its replay, if it asks for one, runs only when the
     * change is newer than this instance: the global store hands a starting instance every earlier edit again,
     * and those were replayed when they were made.
     */
    public synchronized void apply(DictionaryEdit edit, Instant madeAt) {
        record(edit);
        if (!madeAt.isBefore(startedAt)) {
            pendingReplayHours = Math.max(pendingReplayHours, edit.getReplayHours());
        }
        scheduleRebuild();
    }

    /**
     * Takes the edits the global store already holds when it opens. A restarted instance restores the store from
     * its local files and hands only later records to {@link DictionaryEditProcessor#process}, so without this the
     * earlier edits would be in the store but not in the linker. Nothing is replayed for them.
     */
    public synchronized void restore(Iterable<DictionaryEdit> edits) {
        int restored = 0;
        for (DictionaryEdit edit : edits) {
            try {
                record(edit);
                restored++;
            } catch (RuntimeException e) {
                log.error("stored dictionary edit of {} is unreadable and was skipped: {}", edit.getEntityId(), e.getMessage());
            }
        }
        if (restored > 0) {
            log.info("{} dictionary edits restored from the global store", restored);
            scheduleRebuild();
        }
    }

    private void record(DictionaryEdit edit) {
        String id = edit.getEntityId();
        change(id, edit.getEntry() == null ? Change.REMOVE : Change.upsert(DictionaryEntry.fromJson(edit.getEntry())));
    }

    /** Forgets an edit (a tombstone on the topic): the shipped entry, if any, applies again. */
    public synchronized void revert(String entityId) {
        change(entityId, Change.REVERT);
        scheduleRebuild();
    }

    private void change(String id, Change change) {
        change.applyTo(id, upserts, removals);
        pending.remove(id);
        pending.put(id, change);
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
        Map<String, Change> changed;
        int replayHours;
        synchronized (this) {
            changes = Map.copyOf(upserts);
            deleted = Set.copyOf(removals);
            changed = new LinkedHashMap<>(pending);
            replayHours = pendingReplayHours;
            pendingReplayHours = 0;
            // Each id changed since the last build gets a fresh verdict: rejected again below, or not at all.
            changed.keySet().forEach(rejected::remove);
        }
        try {
            long started = System.nanoTime();
            Built built;
            try {
                built = new Built(base.withChanges(changes, deleted), changes, deleted);
            } catch (RuntimeException broken) {
                built = withoutBrokenChanges(changed);
            }
            EntityLinker rebuilt = EntityLinker.create(built.dictionary());
            synchronized (this) {
                // Swapped with the record of its edits, so entry() never pairs one linker with another's edits.
                linker.set(rebuilt);
                builtUpserts.clear();
                builtUpserts.putAll(built.upserts());
                builtRemovals.clear();
                builtRemovals.addAll(built.removals());
                changed.forEach(pending::remove);
            }
            rebuiltAt = clock.instant();
            generation++;
            log.info("dictionary rebuilt with {} edited and {} removed entries ({} entries) in {} ms", built.upserts().size(),
                built.removals().size(), built.dictionary().size(), (System.nanoTime() - started) / 1_000_000);
            if (replayHours > 0) {
                onReplayRequested.accept(replayHours);
            }
        } catch (RuntimeException e) {
            // A linker that cannot be built must not take enrichment down: keep the last good one and say why loudly.
            log.error("dictionary rebuild failed, keeping the previous dictionary: {}", e.getMessage());
        }
    }

    /**
     * The last dictionary that was built, with each change since then added one at a time, in the order they came.
     * A change that cannot be built (a removal that other entries still name as {@code partOf}, an entry naming an
     * id that does not exist) is dropped and logged, and the view of that id goes back to what was built, so one
     * bad edit neither blocks the edits after it nor shows as applied.
     */
    private Built withoutBrokenChanges(Map<String, Change> changed) {
        Map<String, DictionaryEntry> candidateUpserts;
        Set<String> candidateRemovals;
        synchronized (this) {
            candidateUpserts = new HashMap<>(builtUpserts);
            candidateRemovals = new HashSet<>(builtRemovals);
        }
        Dictionary dictionary = base.withChanges(candidateUpserts, candidateRemovals);
        for (Map.Entry<String, Change> next : changed.entrySet()) {
            Map<String, DictionaryEntry> tryUpserts = new HashMap<>(candidateUpserts);
            Set<String> tryRemovals = new HashSet<>(candidateRemovals);
            next.getValue().applyTo(next.getKey(), tryUpserts, tryRemovals);
            try {
                dictionary = base.withChanges(tryUpserts, tryRemovals);
                candidateUpserts = tryUpserts;
                candidateRemovals = tryRemovals;
            } catch (RuntimeException e) {
                log.error("dictionary edit of {} rejected, the other edits apply: {}", next.getKey(), e.getMessage());
                synchronized (this) {
                    rejected.put(next.getKey(), e.getMessage());
                    if (pending.get(next.getKey()) == next.getValue()) {
                        upserts.remove(next.getKey());
                        removals.remove(next.getKey());
                        Change.restore(next.getKey(), builtUpserts, builtRemovals).applyTo(next.getKey(), upserts, removals);
                    }
                }
            }
        }
        return new Built(dictionary, candidateUpserts, candidateRemovals);
    }

    /** A dictionary and the edits it was built with. */
    private record Built(Dictionary dictionary, Map<String, DictionaryEntry> upserts, Set<String> removals) {
    }

    /** One id's change: a new or replaced entry, a removal, or back to the shipped entry. */
    private record Change(DictionaryEntry entry, boolean remove) {
        static final Change REMOVE = new Change(null, true);
        static final Change REVERT = new Change(null, false);

        static Change upsert(DictionaryEntry entry) {
            return new Change(entry, false);
        }

        /** The change that puts {@code id} back the way {@code upserts} and {@code removals} have it. */
        static Change restore(String id, Map<String, DictionaryEntry> upserts, Set<String> removals) {
            return upserts.containsKey(id) ? upsert(upserts.get(id)) : removals.contains(id) ? REMOVE : REVERT;
        }

        void applyTo(String id, Map<String, DictionaryEntry> upserts, Set<String> removals) {
            upserts.remove(id);
            removals.remove(id);
            if (entry != null) {
                upserts.put(id, entry);
            } else if (remove) {
                removals.add(id);
            }
        }
    }

    /** Summary for {@code GET /dictionary}. */
    public synchronized Status status() {
        return new Status(linker.get().dictionary().size(), upserts.size(), removals.size(), generation, rebuiltAt,
            Map.copyOf(rejected));
    }

    /**
      * The entry the linker in use links with, if any, and whether an editor changed it. An edit still waiting for
      * its rebuild does not show yet: a client that sees the change here can rely on the next story using it.
      */
    /** Why the newest edit of {@code id} could not be built, if it could not. */
    public synchronized java.util.Optional<String> rejection(String id) {
        return java.util.Optional.ofNullable(rejected.get(id));
    }

    public synchronized java.util.Optional<EffectiveEntry> entry(String id) {
        return linker.get().dictionary().entry(id)
            .map(entry -> new EffectiveEntry(entry, builtUpserts.containsKey(id)));
    }

    /** What {@code GET /dictionary} reports. */
    /**
      * @param rejected per id, why its newest edit could not be built (an unknown {@code partOf}, say); the
      *     linker goes on with what it had for that id
      */
    public record Status(int entries, int edited, int removed, long generation, Instant rebuiltAt,
            Map<String, String> rejected) {
    }

    /** One entry as enrichment sees it now. */
    public record EffectiveEntry(DictionaryEntry entry, boolean edited) {
    }

    @Override
    public void close() {
        rebuilder.shutdownNow();
    }
}
