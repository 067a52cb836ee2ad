package io.newsflow.ingest.http;

import java.util.List;

/**
 * A story as an editor submits it to {@code POST /articles}. Every field arrives as JSON text so the
 * validator, not Jackson, decides what is wrong and can name each bad field in one answer.
 */
public record ArticleSubmission(
    String id,
    Integer version,
    String source,
    String language,
    String headline,
    String body,
    String byline,
    List<String> labels,
    Integer urgency,
    String publishedAt,
    String embargoUntil) {
}
