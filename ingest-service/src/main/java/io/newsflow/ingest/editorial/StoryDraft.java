package io.newsflow.ingest.editorial;

import io.newsflow.schemas.ArticlePublished;

/**
 * A validated submission before the ledger decides its fate: the content as an {@code ArticlePublished}
 * (its version only a placeholder), the version the editor asked for if any, and whether to re-top.
 */
public record StoryDraft(ArticlePublished content, Integer requestedVersion, boolean reTop, boolean kill) {
}
