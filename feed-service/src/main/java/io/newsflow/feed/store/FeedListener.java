package io.newsflow.feed.store;

import io.newsflow.schemas.ArticleEnriched;

/**
 * Told when a story becomes visible in the feed (published, updated or released from embargo) or leaves it,
 * so live subscribers hear about it. Called on a stream thread: implementations must not block.
 */
public interface FeedListener {

    FeedListener NONE = new FeedListener() {
        @Override
        public void visible(ArticleEnriched story) {
        }

        @Override
        public void removed(String storyId) {
        }
    };

    void visible(ArticleEnriched story);

    void removed(String storyId);
}
