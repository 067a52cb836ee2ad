package io.newsflow.ingest.editorial;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.newsflow.ingest.auth.Editor;
import io.newsflow.ingest.auth.Role;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.platform.kafka.Topics;
import io.newsflow.platform.serde.TrustedAvroTypes;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.LedgerVersion;
import io.newsflow.schemas.PubStatus;
import io.newsflow.schemas.StoryLedgerEntry;
import io.newsflow.schemas.StoryStatus;

/**
 * The editorial rules of a story's life, applied to the ledger of every story: versions only move forward,
 * a repeated push is answered again rather than published again, a kill is final until an editor
 * reinstates, and only the owning desk may change a story.
 *
 * <p>Not thread-safe: one writer thread decides, so decisions see each other in order. Decisions made
 * inside a transaction are staged and become visible to later decisions at once; they are kept on
 * {@link #commit()} and dropped on {@link #rollback()}.
 */
public final class StoryLedger {

    static final String UPDATED_LABEL = "Updated";
    static final int PENDING_OFFSET = -1;

    static {
        // Copying records with newBuilder(other) makes Avro instantiate the nested generated types.
        TrustedAvroTypes.trust(StoryLedgerEntry.class);
    }

    private final Map<String, StoryLedgerEntry> committed = new HashMap<>();
    private final Map<String, StoryLedgerEntry> staged = new HashMap<>();

    /** Loads or updates an entry as read from the ledger topic. */
    public void load(StoryLedgerEntry entry) {
        committed.put(entry.getId(), entry);
    }

    public Optional<StoryLedgerEntry> entry(String storyId) {
        StoryLedgerEntry pending = staged.get(storyId);
        return Optional.ofNullable(pending != null ? pending : committed.get(storyId));
    }

    public int size() {
        return committed.size();
    }

    /** Records the final form of an entry decided in the current transaction (with its offset filled in). */
    public void stage(StoryLedgerEntry entry) {
        staged.put(entry.getId(), entry);
    }

    public void commit() {
        committed.putAll(staged);
        staged.clear();
    }

    public void rollback() {
        staged.clear();
    }

    public Decision decide(StoryCommand command, Instant now) {
        Optional<StoryLedgerEntry> existing = entry(command.storyId());
        // Desk first: another desk's retry of a key it guessed must not get this desk's receipt (or a 422).
        if (existing.isPresent() && !existing.get().getDesk().equals(command.editor().desk())) {
            return notYourStory(command);
        }
        Optional<PublishReceipt> replay = existing.flatMap(entry -> replayOf(entry, command));
        if (replay.isPresent()) {
            return new Decision.Replay(replay.get());
        }
        if (command instanceof StoryCommand.Publish publish) {
            return existing.isEmpty() ? first(publish, now) : next(publish, existing.get(), now);
        }
        if (existing.isEmpty()) {
            return notYourStory(command);
        }
        if (command instanceof StoryCommand.Kill kill) {
            return kill(kill, existing.get(), now);
        }
        return reinstate((StoryCommand.Reinstate) command, existing.get(), now);
    }

    /**
     * A retry with a known idempotency key gets the first answer, provided it asks for the same thing: the same kind
     * of request (publish, kill or reinstate) and, for a publish, the same content. A kill asks for the same thing
     * whatever content came with it: a kill pushed as {@code pubStatus: canceled} republishes the last live content,
     * so its version's hash is not that of the pushed content and cannot be compared.
     */
    private Optional<PublishReceipt> replayOf(StoryLedgerEntry entry, StoryCommand command) {
        if (command.idempotencyKey() == null) {
            return Optional.empty();
        }
        List<LedgerVersion> versions = entry.getVersions();
        for (int i = 0; i < versions.size(); i++) {
            LedgerVersion version = versions.get(i);
            if (command.idempotencyKey().equals(version.getIdempotencyKey())) {
                RequestKind recorded = RequestKind.of(version, i == 0 ? null : versions.get(i - 1));
                boolean same = RequestKind.of(command) == recorded
                    && (recorded != RequestKind.PUBLISH
                        || ContentHash.of(((StoryCommand.Publish) command).draft().content()).equals(version.getContentHash()));
                if (!same) {
                    throw new ProblemException(422, "Unprocessable Content", "Idempotency-Key '" + command.idempotencyKey()
                        + "' was already used for a different request on story " + entry.getId()
                        + "; use a new key for a new request");
                }
                return Optional.of(receipt(entry.getId(), version));
            }
        }
        return Optional.empty();
    }

    /** What a request asked for, as far as answering its retry goes. */
    private enum RequestKind {
        PUBLISH, KILL, REINSTATE;

        static RequestKind of(StoryCommand command) {
            if (command instanceof StoryCommand.Publish publish) {
                return publish.draft().kill() ? KILL : PUBLISH;
            }
            return command instanceof StoryCommand.Kill ? KILL : REINSTATE;
        }

        /** A canceled version was a kill; a live one right after a kill can only have been a reinstatement. */
        static RequestKind of(LedgerVersion version, LedgerVersion previous) {
            if (version.getPubStatus() == PubStatus.canceled) {
                return KILL;
            }
            return previous != null && previous.getPubStatus() == PubStatus.canceled ? REINSTATE : PUBLISH;
        }
    }

    private Decision first(StoryCommand.Publish publish, Instant now) {
        Editor editor = publish.editor();
        if (!editor.may(Role.PUSH)) {
            return forbidden(editor, Role.PUSH, publish.storyId());
        }
        StoryDraft draft = publish.draft();
        if (draft.kill()) {
            return notYourStory(publish);
        }
        int version = draft.requestedVersion() == null ? 1 : draft.requestedVersion();
        ArticlePublished article = stamp(draft.content(), version, draft.content().getPublishedAt(), editor.desk(), now, false);
        StoryLedgerEntry entry = StoryLedgerEntry.newBuilder()
            .setId(article.getId())
            .setDesk(editor.desk())
            .setStatus(StoryStatus.LIVE)
            .setDisplayAt(article.getDisplayAt())
            .setLastLiveArticle(article)
            .setVersions(List.of(version(article, ContentHash.of(draft.content()), publish.idempotencyKey(), now)))
            .build();
        return new Decision.Publish(article, entry);
    }

    private Decision next(StoryCommand.Publish publish, StoryLedgerEntry entry, Instant now) {
        Editor editor = publish.editor();
        StoryDraft draft = publish.draft();
        if (draft.kill()) {
            return kill(new StoryCommand.Kill(publish.storyId(), editor, publish.idempotencyKey()), entry, now);
        }
        if (!editor.may(Role.UPDATE)) {
            return forbidden(editor, Role.UPDATE, publish.storyId());
        }
        LedgerVersion current = latest(entry);
        String hash = ContentHash.of(draft.content());
        if (entry.getStatus() == StoryStatus.KILLED) {
            // "storyStatus", not "status": that problem member is the RFC 9457 HTTP status number.
            return new Decision.Refuse(new ProblemException(409, "Conflict", "Story " + entry.getId()
                + " was killed at version " + current.getVersion() + "; an editor must reinstate it before it can be pushed again",
                null, Map.of("currentVersion", current.getVersion(), "storyStatus", "killed")));
        }
        Integer requested = draft.requestedVersion();
        if (requested == null && hash.equals(current.getContentHash())) {
            return new Decision.Replay(receipt(entry.getId(), current));
        }
        int version = requested == null ? current.getVersion() + 1 : requested;
        if (version < current.getVersion()) {
            return stale(entry, current, version);
        }
        if (version == current.getVersion()) {
            if (hash.equals(current.getContentHash())) {
                return new Decision.Replay(receipt(entry.getId(), current));
            }
            return new Decision.Refuse(new ProblemException(409, "Conflict", "Version " + version + " of story " + entry.getId()
                + " was already published with different content; send version " + (version + 1) + " to update it",
                null, Map.of("currentVersion", current.getVersion())));
        }
        Instant displayAt = draft.reTop() ? draft.content().getPublishedAt() : entry.getDisplayAt();
        ArticlePublished article = stamp(draft.content(), version, displayAt, entry.getDesk(), now, true);
        return new Decision.Publish(article, advance(entry, article, StoryStatus.LIVE, hash, publish.idempotencyKey(), now));
    }

    private Decision kill(StoryCommand.Kill kill, StoryLedgerEntry entry, Instant now) {
        if (!kill.editor().may(Role.KILL)) {
            return forbidden(kill.editor(), Role.KILL, kill.storyId());
        }
        LedgerVersion current = latest(entry);
        if (entry.getStatus() == StoryStatus.KILLED) {
            return new Decision.Replay(receipt(entry.getId(), current));
        }
        ArticlePublished last = entry.getLastLiveArticle();
        ArticlePublished killed = ArticlePublished.newBuilder(last)
            .setVersion(current.getVersion() + 1)
            .setPubStatus(PubStatus.canceled)
            .setIngestedAt(now)
            .setEditorNote("Killed: withdrawn by the " + entry.getDesk() + " desk")
            .build();
        StoryLedgerEntry next = advance(entry, killed, StoryStatus.KILLED, ContentHash.of(killed), kill.idempotencyKey(), now);
        next.setLastLiveArticle(last);
        return new Decision.Publish(killed, next);
    }

    private Decision reinstate(StoryCommand.Reinstate reinstate, StoryLedgerEntry entry, Instant now) {
        if (!reinstate.editor().may(Role.REINSTATE)) {
            return forbidden(reinstate.editor(), Role.REINSTATE, reinstate.storyId());
        }
        LedgerVersion current = latest(entry);
        if (entry.getStatus() != StoryStatus.KILLED) {
            return new Decision.Refuse(new ProblemException(409, "Conflict", "Story " + entry.getId()
                + " is not killed, so there is nothing to reinstate", null, Map.of("currentVersion", current.getVersion())));
        }
        ArticlePublished restored = ArticlePublished.newBuilder(entry.getLastLiveArticle())
            .setVersion(current.getVersion() + 1)
            .setPubStatus(PubStatus.usable)
            .setLabels(withUpdatedLabel(entry.getLastLiveArticle().getLabels()))
            .setIngestedAt(now)
            .setEditorNote("Reinstated by the " + entry.getDesk() + " desk")
            .build();
        return new Decision.Publish(restored,
            advance(entry, restored, StoryStatus.LIVE, ContentHash.of(restored), reinstate.idempotencyKey(), now));
    }

    private static ArticlePublished stamp(ArticlePublished content, int version, Instant displayAt, String desk, Instant now,
                                          boolean isUpdate) {
        return ArticlePublished.newBuilder(content)
            .setVersion(version)
            .setDisplayAt(displayAt)
            .setDesk(desk)
            .setIngestedAt(now)
            .setLabels(isUpdate ? withUpdatedLabel(content.getLabels()) : content.getLabels())
            .build();
    }

    private static List<String> withUpdatedLabel(List<String> labels) {
        Set<String> all = new LinkedHashSet<>(labels);
        if (all.stream().noneMatch(UPDATED_LABEL::equalsIgnoreCase)) {
            all.add(UPDATED_LABEL);
        }
        return List.copyOf(all);
    }

    private static StoryLedgerEntry advance(StoryLedgerEntry entry, ArticlePublished article, StoryStatus status, String hash,
                                            String idempotencyKey, Instant now) {
        List<LedgerVersion> versions = new ArrayList<>(entry.getVersions());
        versions.add(version(article, hash, idempotencyKey, now));
        return StoryLedgerEntry.newBuilder(entry)
            .setStatus(status)
            .setDisplayAt(article.getDisplayAt() == null ? entry.getDisplayAt() : article.getDisplayAt())
            .setLastLiveArticle(article.getPubStatus() == PubStatus.canceled ? entry.getLastLiveArticle() : article)
            .setVersions(versions)
            .build();
    }

    private static LedgerVersion version(ArticlePublished article, String hash, String idempotencyKey, Instant now) {
        return LedgerVersion.newBuilder()
            .setVersion(article.getVersion())
            .setPubStatus(article.getPubStatus())
            .setContentHash(hash)
            .setIdempotencyKey(idempotencyKey)
            .setPartition(PENDING_OFFSET)
            .setOffset(PENDING_OFFSET)
            .setIngestedAt(now)
            .build();
    }

    private static LedgerVersion latest(StoryLedgerEntry entry) {
        return entry.getVersions().get(entry.getVersions().size() - 1);
    }

    static PublishReceipt receipt(String storyId, LedgerVersion version) {
        return new PublishReceipt(storyId, version.getVersion(), Topics.ARTICLES_PUBLISHED.name(), version.getPartition(),
            version.getOffset(), version.getPubStatus().name());
    }

    private static Decision stale(StoryLedgerEntry entry, LedgerVersion current, int version) {
        return new Decision.Refuse(new ProblemException(409, "Conflict", "Version " + version + " of story " + entry.getId()
            + " is stale: version " + current.getVersion() + " is already published",
            null, Map.of("currentVersion", current.getVersion())));
    }

    /**
     * Same answer whether the story belongs to another desk or does not exist, so a key cannot probe other
     * desks' stories.
     */
    private static Decision notYourStory(StoryCommand command) {
        return new Decision.Refuse(new ProblemException(403, "Forbidden", "This key's desk (" + command.editor().desk()
            + ") may not change story " + command.storyId()));
    }

    private static Decision forbidden(Editor editor, Role role, String storyId) {
        return new Decision.Refuse(new ProblemException(403, "Forbidden", "Key " + editor.keyId() + " lacks the '"
            + role.wireName() + "' role needed for this change to story " + storyId));
    }
}
