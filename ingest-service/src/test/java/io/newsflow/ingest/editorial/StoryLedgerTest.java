package io.newsflow.ingest.editorial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import io.newsflow.ingest.auth.Editor;
import io.newsflow.ingest.auth.Role;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.LedgerVersion;
import io.newsflow.schemas.PubStatus;
import io.newsflow.schemas.StoryLedgerEntry;
import io.newsflow.schemas.StoryStatus;
import org.junit.jupiter.api.Test;

/**
 * The editorial rules of {@link StoryLedger}, without Kafka. {@link #apply} plays the part of the
 * {@link EditorialWriter}: it decides, and for a publish stages the entry with the offset the record would
 * have landed at and commits, so receipts carry real-looking coordinates.
 */
class StoryLedgerTest {

    private static final Instant NOW = Instant.parse("2024-10-21T15:00:00Z");
    private static final Instant PUBLISHED_AT = Instant.parse("2024-10-21T14:56:00Z");
    private static final String STORY = "uledger-2024-10-21-north-korean-troops";

    private static final Editor WORLD = new Editor("world-chief", "world", EnumSet.allOf(Role.class));
    private static final Editor SPORT = new Editor("sport-chief", "sport", EnumSet.allOf(Role.class));

    private final StoryLedger ledger = new StoryLedger();
    private long nextOffset = 100;

    // ---- first push ----------------------------------------------------------------------------------------

    @Test
    void firstPushPublishesVersionOneOwnedByTheEditorsDesk() {
        // Given an empty ledger

        // When the world desk pushes a new story without a version
        Decision decision = apply(push(WORLD, content(c -> { }), null));

        // Then version 1 is published as sent, slotted at its publication time and owned by the world desk
        assertThat(decision).isInstanceOf(Decision.Publish.class);
        ArticlePublished article = ((Decision.Publish) decision).article();
        assertThat(article.getId()).isEqualTo(STORY);
        assertThat(article.getVersion()).isEqualTo(1);
        assertThat(article.getDesk()).isEqualTo("world");
        assertThat(article.getDisplayAt()).isEqualTo(PUBLISHED_AT);
        assertThat(article.getIngestedAt()).isEqualTo(NOW);
        assertThat(article.getLabels()).containsExactly("Exclusive");
        assertThat(article.getPubStatus()).isEqualTo(PubStatus.usable);
        StoryLedgerEntry entry = ledger.entry(STORY).orElseThrow();
        assertThat(entry.getDesk()).isEqualTo("world");
        assertThat(entry.getStatus()).isEqualTo(StoryStatus.LIVE);
        assertThat(entry.getDisplayAt()).isEqualTo(PUBLISHED_AT);
        assertThat(entry.getLastLiveArticle()).isEqualTo(article);
        assertThat(entry.getVersions()).extracting(LedgerVersion::getVersion).containsExactly(1);
    }

    @Test
    void firstPushTakesTheRequestedVersion() {
        // Given an empty ledger

        // When a story arrives already at version 3 (e.g. a ninjs document from another system)
        Decision decision = apply(push(WORLD, content(c -> { }), 3));

        // Then it is published as version 3
        assertThat(published(decision).getVersion()).isEqualTo(3);
    }

    @Test
    void firstPushNeedsThePushRole() {
        // Given an editor who may update, kill and reinstate but not push new stories
        Editor updater = new Editor("world-updater", "world", EnumSet.of(Role.UPDATE, Role.KILL, Role.REINSTATE));

        // When they push a new story
        Decision decision = apply(push(updater, content(c -> { }), null));

        // Then it is refused with 403 naming the missing role, and the story does not exist
        assertThat(refusal(decision).status()).isEqualTo(403);
        assertThat(refusal(decision).getMessage()).contains("world-updater").contains("'push'");
        assertThat(ledger.entry(STORY)).isEmpty();
    }

    @Test
    void aKillAsTheFirstPushIsRefusedLikeAnUnknownStory() {
        // Given an empty ledger

        // When the first push of a story is already a kill (pubStatus canceled)
        Decision decision = apply(new StoryCommand.Publish(new StoryDraft(content(c -> c.setPubStatus(PubStatus.canceled)),
            null, false, true), WORLD, null));

        // Then it is refused like any change to a story the desk does not have
        assertThat(refusal(decision).status()).isEqualTo(403);
        assertThat(ledger.entry(STORY)).isEmpty();
    }

    // ---- updates and versions ------------------------------------------------------------------------------

    @Test
    void anUpdateWithoutVersionBecomesTheNextVersionLabelledUpdatedAndKeepsItsFeedSlot() {
        // Given version 1 of a story
        apply(push(WORLD, content(c -> { }), null));
        Instant correctedAt = PUBLISHED_AT.plus(Duration.ofHours(2));

        // When the desk pushes changed content, published later, without a version and without re-topping
        Decision decision = apply(push(WORLD, content(c -> c.setHeadline("Corrected headline").setPublishedAt(correctedAt)), null));

        // Then version 2 is published with the "Updated" label added, in its original feed slot
        ArticlePublished v2 = published(decision);
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(v2.getHeadline()).isEqualTo("Corrected headline");
        assertThat(v2.getLabels()).containsExactly("Exclusive", "Updated");
        assertThat(v2.getPublishedAt()).isEqualTo(correctedAt);
        assertThat(v2.getDisplayAt()).isEqualTo(PUBLISHED_AT);
        assertThat(v2.getDesk()).isEqualTo("world");
        assertThat(ledger.entry(STORY).orElseThrow().getDisplayAt()).isEqualTo(PUBLISHED_AT);
        assertThat(ledger.entry(STORY).orElseThrow().getVersions()).extracting(LedgerVersion::getVersion).containsExactly(1, 2);
    }

    @Test
    void aReTopMovesTheFeedSlotToTheUpdatesPublicationTime() {
        // Given version 1 of a story
        apply(push(WORLD, content(c -> { }), null));
        Instant reToppedAt = PUBLISHED_AT.plus(Duration.ofHours(3));

        // When the desk pushes an update asking to re-top it
        Decision decision = apply(new StoryCommand.Publish(new StoryDraft(
            content(c -> c.setHeadline("Developing: more troops").setPublishedAt(reToppedAt)), null, true, false), WORLD, null));

        // Then the new version, and the ledger, sit at the update's publication time
        assertThat(published(decision).getDisplayAt()).isEqualTo(reToppedAt);
        assertThat(ledger.entry(STORY).orElseThrow().getDisplayAt()).isEqualTo(reToppedAt);
    }

    @Test
    void theUpdatedLabelIsNotAddedTwice() {
        // Given version 1 of a story
        apply(push(WORLD, content(c -> { }), null));

        // When an update already carries the label, in another case
        Decision decision = apply(push(WORLD, content(c -> c.setHeadline("New").setLabels(List.of("UPDATED", "Exclusive"))), null));

        // Then the label is kept once, as sent
        assertThat(published(decision).getLabels()).containsExactly("UPDATED", "Exclusive");
    }

    @Test
    void anUpdateNeedsTheUpdateRole() {
        // Given version 1 of a story and a desk colleague who may only push new stories
        apply(push(WORLD, content(c -> { }), null));
        Editor pusher = new Editor("world-pusher", "world", EnumSet.of(Role.PUSH));

        // When the colleague pushes an update
        Decision decision = apply(push(pusher, content(c -> c.setHeadline("New")), null));

        // Then it is refused with 403 naming the role
        assertThat(refusal(decision).status()).isEqualTo(403);
        assertThat(refusal(decision).getMessage()).contains("'update'");
        assertThat(versionsOf(STORY)).containsExactly(1);
    }

    @Test
    void theSameContentAgainIsAReplayOfTheCurrentVersion() {
        // Given version 1 of a story, published at a known offset
        PublishReceipt first = receipt(apply(push(WORLD, content(c -> { }), null)));

        // When the same content is pushed again, without a version and with version 1
        Decision withoutVersion = apply(push(WORLD, content(c -> { }), null));
        Decision withVersion = apply(push(WORLD, content(c -> { }), 1));

        // Then both are answered with the original receipt, and nothing new is published
        assertThat(withoutVersion).isEqualTo(new Decision.Replay(first));
        assertThat(withVersion).isEqualTo(new Decision.Replay(first));
        assertThat(first.offset()).isEqualTo(100);
        assertThat(versionsOf(STORY)).containsExactly(1);
    }

    @Test
    void theSameVersionWithDifferentContentIsAConflict() {
        // Given version 1 of a story
        apply(push(WORLD, content(c -> { }), null));

        // When different content is pushed as version 1
        Decision decision = apply(push(WORLD, content(c -> c.setHeadline("Different")), 1));

        // Then it is refused with 409 and the current version
        ProblemException problem = refusal(decision);
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.getMessage()).contains("send version 2");
        assertThat(problem.problem("/articles").extensions()).containsEntry("currentVersion", 1);
        assertThat(versionsOf(STORY)).containsExactly(1);
    }

    @Test
    void aStaleVersionIsAConflictNamingTheCurrentVersion() {
        // Given versions 1 and 2 of a story
        apply(push(WORLD, content(c -> { }), null));
        apply(push(WORLD, content(c -> c.setHeadline("v2")), 2));

        // When a late version 1 arrives with other content
        Decision decision = apply(push(WORLD, content(c -> c.setHeadline("late v1")), 1));

        // Then it is refused with 409, currentVersion 2
        ProblemException problem = refusal(decision);
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.getMessage()).contains("stale");
        assertThat(problem.problem("/articles").extensions()).containsEntry("currentVersion", 2);
        assertThat(versionsOf(STORY)).containsExactly(1, 2);
    }

    @Test
    void anExplicitHigherVersionIsPublishedAsThatVersion() {
        // Given version 1 of a story
        apply(push(WORLD, content(c -> { }), null));

        // When version 2 and then (skipping one) version 4 are pushed explicitly
        Decision v2 = apply(push(WORLD, content(c -> c.setHeadline("v2")), 2));
        Decision v4 = apply(push(WORLD, content(c -> c.setHeadline("v4")), 4));

        // Then both are published as asked, and the next implicit version follows the highest
        assertThat(published(v2).getVersion()).isEqualTo(2);
        assertThat(published(v4).getVersion()).isEqualTo(4);
        assertThat(published(apply(push(WORLD, content(c -> c.setHeadline("v5")), null))).getVersion()).isEqualTo(5);
    }

    // ---- idempotency keys ----------------------------------------------------------------------------------

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheOriginalReceiptEvenAfterLaterVersions() {
        // Given version 1 pushed with a key, then version 2
        PublishReceipt original = receipt(apply(push(WORLD, content(c -> { }), null, "key-1")));
        apply(push(WORLD, content(c -> c.setHeadline("v2")), null, "key-2"));

        // When the first request is retried with its key
        Decision retry = apply(push(WORLD, content(c -> { }), null, "key-1"));

        // Then it is answered with version 1's receipt and nothing is published
        assertThat(retry).isEqualTo(new Decision.Replay(original));
        assertThat(original.version()).isEqualTo(1);
        assertThat(versionsOf(STORY)).containsExactly(1, 2);
    }

    @Test
    void reusingAnIdempotencyKeyForDifferentContentIs422() {
        // Given version 1 pushed with a key
        apply(push(WORLD, content(c -> { }), null, "key-1"));

        // When other content is pushed with the same key
        Decision decision = apply(push(WORLD, content(c -> c.setHeadline("Other")), null, "key-1"));

        // Then it is refused with 422 and nothing is published
        ProblemException problem = refusal(decision);
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.getMessage()).contains("key-1").contains("new key");
        assertThat(versionsOf(STORY)).containsExactly(1);
    }

    @Test
    void aKillRetriedWithItsKeyIsAnsweredWithTheKillReceipt() {
        // Given a story killed with a key
        apply(push(WORLD, content(c -> { }), null));
        PublishReceipt kill = receipt(apply(new StoryCommand.Kill(STORY, WORLD, "kill-1")));

        // When the kill is retried with the key
        Decision retry = apply(new StoryCommand.Kill(STORY, WORLD, "kill-1"));

        // Then the original kill receipt is the answer
        assertThat(retry).isEqualTo(new Decision.Replay(kill));
        assertThat(kill.pubStatus()).isEqualTo("canceled");
    }

    @Test
    void aKillPushedAsPubStatusCanceledAndRetriedWithItsKeyIsAnsweredWithTheKillReceipt() {
        // Given a story killed by a push with pubStatus canceled and a key (a batch line, say)
        apply(push(WORLD, content(c -> { }), null));
        ArticlePublished canceled = content(c -> c.setPubStatus(PubStatus.canceled));
        PublishReceipt kill = receipt(apply(push(WORLD, canceled, null, "batch-7#3")));

        // When that push is retried with the same key, because its answer was lost
        Decision retry = apply(push(WORLD, canceled, null, "batch-7#3"));

        // Then the original kill receipt is the answer, not a 422 for "different content"
        assertThat(retry).isEqualTo(new Decision.Replay(kill));
        assertThat(kill.pubStatus()).isEqualTo("canceled");
        assertThat(versionsOf(STORY)).containsExactly(1, 2);
    }

    @Test
    void aKeyUsedForAKillStillCannotBeReusedForContent() {
        // Given a story killed by a push with pubStatus canceled and a key
        apply(push(WORLD, content(c -> { }), null));
        apply(push(WORLD, content(c -> c.setPubStatus(PubStatus.canceled)), null, "batch-7#3"));

        // When the key comes back with a live version of the story
        Decision reused = apply(push(WORLD, content(c -> c.setHeadline("Back again")), null, "batch-7#3"));

        // Then it is the 422 of any key reused for a different request
        assertThat(refusal(reused).status()).isEqualTo(422);
    }

    @Test
    void aPushKeyReusedForAKillIsRefusedInsteadOfAnsweringWithThePushReceipt() {
        // Given a story pushed with a key
        apply(push(WORLD, content(c -> { }), null, "key-1"));

        // When a kill comes with the same key
        Decision kill = apply(new StoryCommand.Kill(STORY, WORLD, "key-1"));

        // Then it is the 422 of any key reused for a different request, not the push's receipt; the story stays live
        assertThat(refusal(kill).status()).isEqualTo(422);
        assertThat(versionsOf(STORY)).containsExactly(1);
        assertThat(receipt(apply(new StoryCommand.Kill(STORY, WORLD, "key-2"))).pubStatus()).isEqualTo("canceled");
    }

    @Test
    void aKillKeyReusedForAReinstatementIsRefusedAndTheReinstatementRetriesWithItsOwnKey() {
        // Given a story killed with a key, then reinstated with another
        apply(push(WORLD, content(c -> { }), null));
        apply(new StoryCommand.Kill(STORY, WORLD, "kill-1"));
        Decision reusedKillKey = apply(new StoryCommand.Reinstate(STORY, WORLD, "kill-1"));
        PublishReceipt reinstated = receipt(apply(new StoryCommand.Reinstate(STORY, WORLD, "reinstate-1")));

        // Then the kill's key did not reinstate it, and a retry of the reinstatement gets its own receipt back
        assertThat(refusal(reusedKillKey).status()).isEqualTo(422);
        assertThat(apply(new StoryCommand.Reinstate(STORY, WORLD, "reinstate-1"))).isEqualTo(new Decision.Replay(reinstated));
        assertThat(refusal(apply(new StoryCommand.Kill(STORY, WORLD, "reinstate-1"))).status()).isEqualTo(422);
        assertThat(versionsOf(STORY)).containsExactly(1, 2, 3);
    }

    // ---- desks ---------------------------------------------------------------------------------------------

    @Test
    void anotherDeskCannotUpdateKillOrReinstateAStory() {
        // Given a story of the world desk
        apply(push(WORLD, content(c -> { }), null));

        // When the sport desk, with every role, tries to update, kill and reinstate it
        Decision update = apply(push(SPORT, content(c -> c.setHeadline("Hijacked")), null));
        Decision kill = apply(new StoryCommand.Kill(STORY, SPORT, null));
        Decision reinstate = apply(new StoryCommand.Reinstate(STORY, SPORT, null));

        // Then every change is refused with 403 and the story is untouched
        assertThat(List.of(update, kill, reinstate)).allSatisfy(d -> assertThat(refusal(d).status()).isEqualTo(403));
        assertThat(versionsOf(STORY)).containsExactly(1);
        assertThat(ledger.entry(STORY).orElseThrow().getStatus()).isEqualTo(StoryStatus.LIVE);
    }

    @Test
    void anotherDesksStoryAndAMissingStoryGetTheSameAnswer() {
        // Given a story of the world desk
        apply(push(WORLD, content(c -> { }), null));

        // When the sport desk kills and reinstates it, and kills and reinstates a story that does not exist
        ProblemException killOther = refusal(apply(new StoryCommand.Kill(STORY, SPORT, null)));
        ProblemException killMissing = refusal(apply(new StoryCommand.Kill("no-such-story", SPORT, null)));
        ProblemException reinstateOther = refusal(apply(new StoryCommand.Reinstate(STORY, SPORT, null)));
        ProblemException reinstateMissing = refusal(apply(new StoryCommand.Reinstate("no-such-story", SPORT, null)));

        // Then the answers differ only in the story id, so a key cannot probe which stories exist
        assertThat(List.of(killOther, killMissing, reinstateOther, reinstateMissing))
            .extracting(ProblemException::status).containsOnly(403);
        assertThat(killOther.getMessage().replace(STORY, "{id}")).isEqualTo(killMissing.getMessage().replace("no-such-story", "{id}"));
        assertThat(reinstateOther.getMessage().replace(STORY, "{id}"))
            .isEqualTo(reinstateMissing.getMessage().replace("no-such-story", "{id}"));
        assertThat(killOther.problem("/x")).usingRecursiveComparison().ignoringFields("detail")
            .isEqualTo(killMissing.problem("/x"));
        assertThat(ledger.entry("no-such-story")).isEmpty();
    }

    @Test
    void anotherDeskCannotReplayAStoryByGuessingItsIdempotencyKey() {
        // Given a story of the world desk pushed and killed with known keys
        PublishReceipt pushed = receipt(apply(push(WORLD, content(c -> { }), null, "push-1")));
        apply(new StoryCommand.Kill(STORY, WORLD, "kill-1"));

        // When the sport desk sends the same requests with the same keys, and the push key with other content
        Decision push = apply(push(SPORT, content(c -> { }), null, "push-1"));
        Decision kill = apply(new StoryCommand.Kill(STORY, SPORT, "kill-1"));
        Decision otherContent = apply(push(SPORT, content(c -> c.setHeadline("Other")), null, "push-1"));

        // Then each is refused exactly like a story of another desk: no receipt, no 422 revealing the key was used
        assertThat(List.of(push, kill, otherContent)).allSatisfy(d -> {
            assertThat(refusal(d).status()).isEqualTo(403);
            assertThat(refusal(d).getMessage()).isEqualTo("This key's desk (sport) may not change story " + STORY);
        });
        assertThat(pushed.version()).isEqualTo(1);
    }

    // ---- kill and reinstate --------------------------------------------------------------------------------

    @Test
    void aKillPublishesACanceledNextVersionAndKeepsTheLastLiveContent() {
        // Given versions 1 and 2 of a story
        apply(push(WORLD, content(c -> { }), null));
        ArticlePublished v2 = published(apply(push(WORLD, content(c -> c.setHeadline("v2")), null)));

        // When the desk kills it
        Decision decision = apply(new StoryCommand.Kill(STORY, WORLD, null));

        // Then version 3 is published as canceled with the last content, and the ledger remembers version 2
        ArticlePublished killed = published(decision);
        assertThat(killed.getVersion()).isEqualTo(3);
        assertThat(killed.getPubStatus()).isEqualTo(PubStatus.canceled);
        assertThat(killed.getHeadline()).isEqualTo("v2");
        assertThat(killed.getEditorNote()).contains("Killed");
        assertThat(killed.getDisplayAt()).isEqualTo(PUBLISHED_AT);
        StoryLedgerEntry entry = ledger.entry(STORY).orElseThrow();
        assertThat(entry.getStatus()).isEqualTo(StoryStatus.KILLED);
        assertThat(entry.getLastLiveArticle()).isEqualTo(v2);
        assertThat(receipt(decision).pubStatus()).isEqualTo("canceled");
    }

    @Test
    void aKillIsIdempotent() {
        // Given a killed story
        apply(push(WORLD, content(c -> { }), null));
        PublishReceipt kill = receipt(apply(new StoryCommand.Kill(STORY, WORLD, null)));

        // When it is killed again, without a key
        Decision again = apply(new StoryCommand.Kill(STORY, WORLD, null));

        // Then the answer is the first kill's receipt and nothing new is published
        assertThat(again).isEqualTo(new Decision.Replay(kill));
        assertThat(versionsOf(STORY)).containsExactly(1, 2);
    }

    @Test
    void aPushWithPubStatusCanceledKillsAnExistingStory() {
        // Given version 1 of a story
        apply(push(WORLD, content(c -> { }), null));

        // When the desk pushes it with pubStatus canceled
        Decision decision = apply(new StoryCommand.Publish(new StoryDraft(content(c -> c.setPubStatus(PubStatus.canceled)),
            null, false, true), WORLD, null));

        // Then the story is killed
        assertThat(published(decision).getPubStatus()).isEqualTo(PubStatus.canceled);
        assertThat(ledger.entry(STORY).orElseThrow().getStatus()).isEqualTo(StoryStatus.KILLED);
    }

    @Test
    void aKillNeedsTheKillRole() {
        // Given a story and a desk colleague without the kill role
        apply(push(WORLD, content(c -> { }), null));
        Editor updater = new Editor("world-updater", "world", EnumSet.of(Role.PUSH, Role.UPDATE));

        // When the colleague kills it
        Decision decision = apply(new StoryCommand.Kill(STORY, updater, null));

        // Then it is refused with 403 naming the role
        assertThat(refusal(decision).status()).isEqualTo(403);
        assertThat(refusal(decision).getMessage()).contains("'kill'");
        assertThat(ledger.entry(STORY).orElseThrow().getStatus()).isEqualTo(StoryStatus.LIVE);
    }

    @Test
    void aKilledStoryRefusesPushesUntilReinstated() {
        // Given a killed story
        apply(push(WORLD, content(c -> { }), null));
        apply(new StoryCommand.Kill(STORY, WORLD, null));

        // When the desk pushes the same content, new content, and an explicit next version
        Decision same = apply(push(WORLD, content(c -> { }), null));
        Decision changed = apply(push(WORLD, content(c -> c.setHeadline("Back")), null));
        Decision explicit = apply(push(WORLD, content(c -> c.setHeadline("Back")), 3));

        // Then each is a 409 saying the story is killed, at version 2
        assertThat(List.of(same, changed, explicit)).allSatisfy(d -> {
            ProblemException problem = refusal(d);
            assertThat(problem.status()).isEqualTo(409);
            assertThat(problem.getMessage()).contains("killed").contains("reinstate");
            assertThat(problem.problem("/articles").extensions())
                .containsEntry("storyStatus", "killed").doesNotContainKey("status").containsEntry("currentVersion", 2);
        });
        assertThat(versionsOf(STORY)).containsExactly(1, 2);
    }

    @Test
    void reinstateRepublishesTheLastLiveContentAsTheNextVersion() {
        // Given versions 1 and 2 of a story, then killed (version 3)
        apply(push(WORLD, content(c -> { }), null));
        ArticlePublished v2 = published(apply(push(WORLD, content(c -> c.setHeadline("v2")), null)));
        apply(new StoryCommand.Kill(STORY, WORLD, null));

        // When the desk reinstates it
        Decision decision = apply(new StoryCommand.Reinstate(STORY, WORLD, null));

        // Then version 4 is published with version 2's content, usable, labelled Updated, in its original slot
        ArticlePublished restored = published(decision);
        assertThat(restored.getVersion()).isEqualTo(4);
        assertThat(restored.getPubStatus()).isEqualTo(PubStatus.usable);
        assertThat(restored.getHeadline()).isEqualTo(v2.getHeadline());
        assertThat(restored.getBody()).isEqualTo(v2.getBody());
        assertThat(restored.getLabels()).containsExactly("Exclusive", "Updated");
        assertThat(restored.getDisplayAt()).isEqualTo(PUBLISHED_AT);
        assertThat(ledger.entry(STORY).orElseThrow().getStatus()).isEqualTo(StoryStatus.LIVE);

        // And the story takes updates again
        assertThat(published(apply(push(WORLD, content(c -> c.setHeadline("v5")), null))).getVersion()).isEqualTo(5);
    }

    @Test
    void reinstateNeedsTheRoleAndAKilledStory() {
        // Given a live story and a colleague who may kill but not reinstate
        apply(push(WORLD, content(c -> { }), null));
        Editor killer = new Editor("world-killer", "world", EnumSet.of(Role.KILL));

        // When the live story is reinstated, and the colleague reinstates it once killed
        Decision notKilled = apply(new StoryCommand.Reinstate(STORY, WORLD, null));
        apply(new StoryCommand.Kill(STORY, killer, null));
        Decision noRole = apply(new StoryCommand.Reinstate(STORY, killer, null));

        // Then the first is 409 (nothing to reinstate) and the second 403 naming the role
        assertThat(refusal(notKilled).status()).isEqualTo(409);
        assertThat(refusal(notKilled).problem("/x").extensions()).containsEntry("currentVersion", 1);
        assertThat(refusal(noRole).status()).isEqualTo(403);
        assertThat(refusal(noRole).getMessage()).contains("'reinstate'");
        assertThat(ledger.entry(STORY).orElseThrow().getStatus()).isEqualTo(StoryStatus.KILLED);
    }

    // ---- transactions --------------------------------------------------------------------------------------

    @Test
    void stagedDecisionsAreVisibleWithinTheTransactionAndDroppedOnRollback() {
        // Given version 1 decided and staged, not yet committed
        Decision.Publish v1 = (Decision.Publish) ledger.decide(push(WORLD, content(c -> { }), null, "key-1"), NOW);
        ledger.stage(v1.entry());

        // When the same push and an update are decided in the same transaction
        Decision repeat = ledger.decide(push(WORLD, content(c -> { }), null, "key-1"), NOW);
        Decision update = ledger.decide(push(WORLD, content(c -> c.setHeadline("v2")), null), NOW);

        // Then they see version 1: the repeat is a replay (offset still pending) and the update is version 2
        assertThat(repeat).isInstanceOf(Decision.Replay.class);
        assertThat(((Decision.Replay) repeat).receipt().offset()).isEqualTo(StoryLedger.PENDING_OFFSET);
        assertThat(published(update).getVersion()).isEqualTo(2);

        // And when the transaction is rolled back, the story is gone and a new push is version 1 again
        ledger.rollback();
        assertThat(ledger.entry(STORY)).isEmpty();
        assertThat(ledger.size()).isZero();
        assertThat(published(ledger.decide(push(WORLD, content(c -> { }), null, "key-1"), NOW)).getVersion()).isEqualTo(1);
    }

    @Test
    void committedDecisionsSurviveAndALoadedLedgerDecidesTheSame() {
        // Given a story committed in one ledger
        PublishReceipt original = receipt(apply(push(WORLD, content(c -> { }), null, "key-1")));
        StoryLedgerEntry entry = ledger.entry(STORY).orElseThrow();
        assertThat(ledger.size()).isEqualTo(1);

        // When a fresh ledger loads that entry, as after a restart
        StoryLedger restarted = new StoryLedger();
        restarted.load(entry);

        // Then a retry is answered with the original receipt, and another desk is still refused
        assertThat(restarted.decide(push(WORLD, content(c -> { }), null, "key-1"), NOW)).isEqualTo(new Decision.Replay(original));
        assertThat(restarted.decide(new StoryCommand.Kill(STORY, SPORT, null), NOW)).isInstanceOf(Decision.Refuse.class);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static StoryCommand.Publish push(Editor editor, ArticlePublished content, Integer version) {
        return push(editor, content, version, null);
    }

    private static StoryCommand.Publish push(Editor editor, ArticlePublished content, Integer version, String key) {
        return new StoryCommand.Publish(new StoryDraft(content, version, false, content.getPubStatus() == PubStatus.canceled),
            editor, key);
    }

    /** The sample story as the validator hands it over, edited. */
    private static ArticlePublished content(Consumer<ArticlePublished.Builder> edit) {
        ArticlePublished.Builder builder = ArticlePublished.newBuilder()
            .setId(STORY)
            .setVersion(1)
            .setSource("ukraine-ledger")
            .setLanguage("en")
            .setHeadline("No doubt that North Korean troops are in Ukraine - political strategist")
            .setBody("Soldiers of the DPRK may already be working in Ukraine.")
            .setByline("Ukraine Ledger staff")
            .setLabels(List.of("Exclusive"))
            .setUrgency(3)
            .setPubStatus(PubStatus.usable)
            .setEmbargoUntil(null)
            .setEditorNote(null)
            .setPublishedAt(PUBLISHED_AT)
            .setIngestedAt(NOW);
        edit.accept(builder);
        return builder.build();
    }

    /**
     * Decides as the writer does (a thrown problem is a refusal); a publish is committed with the partition
     * and offset its record would have got.
     */
    private Decision apply(StoryCommand command) {
        Decision decision;
        try {
            decision = ledger.decide(command, NOW);
        } catch (ProblemException problem) {
            return new Decision.Refuse(problem);
        }
        if (decision instanceof Decision.Publish publish) {
            StoryLedgerEntry entry = publish.entry();
            int version = publish.article().getVersion();
            List<LedgerVersion> versions = entry.getVersions().stream()
                .map(v -> v.getVersion() == version ? LedgerVersion.newBuilder(v).setPartition(0).setOffset(nextOffset).build() : v)
                .toList();
            nextOffset++;
            ledger.stage(StoryLedgerEntry.newBuilder(entry).setVersions(versions).build());
            ledger.commit();
        }
        return decision;
    }

    private PublishReceipt receipt(Decision decision) {
        if (decision instanceof Decision.Replay replay) {
            return replay.receipt();
        }
        ArticlePublished article = published(decision);
        LedgerVersion version = ledger.entry(article.getId()).orElseThrow().getVersions().stream()
            .filter(v -> v.getVersion() == article.getVersion()).findFirst().orElseThrow();
        return StoryLedger.receipt(article.getId(), version);
    }

    private static ArticlePublished published(Decision decision) {
        assertThat(decision).as("decision").isInstanceOf(Decision.Publish.class);
        return ((Decision.Publish) decision).article();
    }

    private static ProblemException refusal(Decision decision) {
        assertThat(decision).as("decision").isInstanceOf(Decision.Refuse.class);
        return ((Decision.Refuse) decision).problem();
    }

    private List<Integer> versionsOf(String storyId) {
        return ledger.entry(storyId).map(e -> e.getVersions().stream().map(LedgerVersion::getVersion).toList()).orElse(List.of());
    }
}
