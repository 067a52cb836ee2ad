package io.newsflow.ingest.formats.rawpage;

import java.util.OptionalInt;

/**
 * A raw page that cannot be turned into a complete story. The message is written for the person who
 * submitted the page: it names the line or section that was missing or malformed.
 */
public final class RawPageException extends Exception {

    private static final long serialVersionUID = 1L;

    // 0 means "not tied to one line" (e.g. empty input); kept as an int so the exception stays serialisable.
    private final int lineNumber;

    public RawPageException(String message) {
        this(message, 0);
    }

    public RawPageException(String message, int lineNumber) {
        super(message);
        this.lineNumber = Math.max(0, lineNumber);
    }

    /** The 1-based line of the submitted text the problem was found at, if there is one. */
    public OptionalInt lineNumber() {
        return lineNumber == 0 ? OptionalInt.empty() : OptionalInt.of(lineNumber);
    }
}
