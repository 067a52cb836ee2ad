package io.newsflow.ingest.http;

import java.util.List;

/**
 * A story in Newsflow's native JSON, as an editor submits it to {@code POST /articles}. Every field arrives
 * as JSON text so the validator, not Jackson, decides what is wrong and can name each bad field in one
 * answer. Unknown fields are refused (422): in the native format a misspelt field is a mistake, not an
 * extension. ninjs documents, which are meant to be extended, are read by their own reader instead.
 *
 * @param version  omitted: the next version of an existing story, or 1 for a new one
 * @param reTop    move an updated story to the top of the feed instead of keeping its original slot
 * @param pubStatus usable (default), withheld, or canceled (which kills the story)
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
    String embargoUntil,
    String pubStatus,
    String editorNote,
    Boolean reTop) {
}
