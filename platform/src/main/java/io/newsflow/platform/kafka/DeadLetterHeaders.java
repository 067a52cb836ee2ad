package io.newsflow.platform.kafka;

/** Header names on every dead-lettered record. Values are UTF-8 strings. */
public final class DeadLetterHeaders {

    /** {@code deserialization}, {@code schema} (the writer schema could not be resolved) or {@code processing}. */
    public static final String REASON = "newsflow.dlq.reason";
    /** The exception class and message, one line. */
    public static final String ERROR = "newsflow.dlq.error";
    public static final String SOURCE_TOPIC = "newsflow.dlq.source.topic";
    public static final String SOURCE_PARTITION = "newsflow.dlq.source.partition";
    public static final String SOURCE_OFFSET = "newsflow.dlq.source.offset";
    /** The source record's timestamp, epoch milliseconds. */
    public static final String SOURCE_TIMESTAMP = "newsflow.dlq.source.timestamp";
    /** When the stage gave up, epoch milliseconds. */
    public static final String FAILED_AT = "newsflow.dlq.failed.at";
    /** The service that gave up: {@code enrich-service} or {@code feed-service}. */
    public static final String STAGE = "newsflow.dlq.stage";

    private DeadLetterHeaders() {
    }
}
