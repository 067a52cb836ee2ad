package io.newsflow.feed.store;

import java.util.List;

import io.newsflow.schemas.ArticleEnriched;

/**
 * The feed item the timeline stores for each visible story: how a story is rendered into one, and how its index
 * terms are read back from one. Reading them back lets the in-memory index be rebuilt from one sequential walk of
 * the timeline, without decoding every story's Avro record.
 */
public interface FeedItemFormat {

    /** The story as the feed item JSON the API serves. */
    String render(ArticleEnriched story);

    /** The index terms of a rendered item: exactly {@link IndexTerms#termsOf(ArticleEnriched)} of the story it shows. */
    List<String> indexTerms(String item);
}
