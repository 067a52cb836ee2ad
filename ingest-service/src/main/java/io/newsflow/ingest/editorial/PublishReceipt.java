package io.newsflow.ingest.editorial;

/** Where a story version landed on {@code articles.published}; the body of a 202. */
public record PublishReceipt(String id, int version, String topic, int partition, long offset, String pubStatus) {
}
