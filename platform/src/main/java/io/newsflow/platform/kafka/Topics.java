package io.newsflow.platform.kafka;

import java.util.List;
import java.util.Map;

import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;

/**
 * Every topic Newsflow owns, declared once. docs/ARCHITECTURE.md describes who produces and consumes each.
 */
public final class Topics {

    private static final String THIRTY_DAYS_MS = String.valueOf(30L * 24 * 60 * 60 * 1000);

    /** Story versions as editors pushed them; written by ingest-service, read by enrich-service. */
    public static final TopicSpec<ArticlePublished> ARTICLES_PUBLISHED = new TopicSpec<>(
        "articles.published", ArticlePublished.class,
        Map.of("cleanup.policy", "delete", "retention.ms", THIRTY_DAYS_MS, "min.insync.replicas", "1"));

    /** Story versions with entities and tags; written by enrich-service, read by feed-service and downstream apps. */
    public static final TopicSpec<ArticleEnriched> ARTICLES_ENRICHED = new TopicSpec<>(
        "articles.enriched", ArticleEnriched.class,
        Map.of("cleanup.policy", "delete", "retention.ms", THIRTY_DAYS_MS, "min.insync.replicas", "1"));

    private Topics() {
    }

    public static List<TopicSpec<?>> all() {
        return List.of(ARTICLES_PUBLISHED, ARTICLES_ENRICHED);
    }
}
