package io.newsflow.ingest.editorial;

import io.newsflow.platform.http.ProblemException;

/** What became of a command: published now, answered again from the ledger, or refused. */
public sealed interface Outcome {

    record Published(PublishReceipt receipt) implements Outcome {
    }

    record Replayed(PublishReceipt receipt) implements Outcome {
    }

    record Refused(ProblemException problem) implements Outcome {
    }
}
