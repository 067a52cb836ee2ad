package io.newsflow.ingest.editorial;

import io.newsflow.ingest.auth.Editor;

/** What an editor asks the ledger to do with one story. */
public sealed interface StoryCommand {

    String storyId();

    Editor editor();

    /** The client's {@code Idempotency-Key}, if it sent one. */
    String idempotencyKey();

    /** Publish a first version, an update or a correction. */
    record Publish(StoryDraft draft, Editor editor, String idempotencyKey) implements StoryCommand {
        @Override
        public String storyId() {
            return draft.content().getId();
        }
    }

    /** Withdraw the story for good. */
    record Kill(String storyId, Editor editor, String idempotencyKey) implements StoryCommand {
    }

    /** Bring a killed story back as a new version of its last live content. */
    record Reinstate(String storyId, Editor editor, String idempotencyKey) implements StoryCommand {
    }
}
