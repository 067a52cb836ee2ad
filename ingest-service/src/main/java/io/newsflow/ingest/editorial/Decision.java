package io.newsflow.ingest.editorial;

import io.newsflow.platform.http.ProblemException;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.StoryLedgerEntry;

/** The ledger's verdict on one command. */
public sealed interface Decision {

    /** Publish {@code article}; {@code entry} is the ledger entry to write once its offset is known. */
    record Publish(ArticlePublished article, StoryLedgerEntry entry) implements Decision {
    }

    /** Nothing new to publish: the same request was already accepted, and this is its original answer. */
    record Replay(PublishReceipt receipt) implements Decision {
    }

    /** Refused, with the problem to answer. */
    record Refuse(ProblemException problem) implements Decision {
    }
}
