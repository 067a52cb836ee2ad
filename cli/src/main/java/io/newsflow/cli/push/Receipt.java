package io.newsflow.cli.push;

/** Where ingest-service put an accepted story version on {@code articles.published}: the body of a 202. */
public record Receipt(String id, int version, String topic, int partition, long offset, String pubStatus) {

    /** {@code topic-partition@offset}, as Kafka tools print a position. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
