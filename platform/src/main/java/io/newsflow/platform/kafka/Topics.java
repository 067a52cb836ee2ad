package io.newsflow.platform.kafka;

import java.util.List;
import java.util.Map;

import io.newsflow.schemas.ApiKeyRecord;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.DictionaryEdit;
import io.newsflow.schemas.StoryLedgerEntry;

/**
 * Every topic Newsflow owns, declared once. docs/ARCHITECTURE.md describes who produces and consumes each.
 */
public final class Topics {

    private static final String ONE_DAY_MS = String.valueOf(24L * 60 * 60 * 1000);
    private static final String THIRTY_DAYS_MS = String.valueOf(30L * 24 * 60 * 60 * 1000);

    /** Story versions as editors pushed them; written by ingest-service, read by enrich-service. */
    public static final TopicSpec<ArticlePublished> ARTICLES_PUBLISHED = new TopicSpec<>(
        "articles.published", ArticlePublished.class,
        Map.of("cleanup.policy", "delete", "retention.ms", THIRTY_DAYS_MS, "min.insync.replicas", "1"));

    /** Story versions with entities and tags; written by enrich-service, read by feed-service and downstream apps. */
    public static final TopicSpec<ArticleEnriched> ARTICLES_ENRICHED = new TopicSpec<>(
        "articles.enriched", ArticleEnriched.class,
        Map.of("cleanup.policy", "delete", "retention.ms", THIRTY_DAYS_MS, "min.insync.replicas", "1"));

    /**
     * The newest enriched version of every live story, compacted; a kill writes a tombstone so downstream
     * apps that mirror it drop the story. Written by enrich-service.
     */
    public static final TopicSpec<ArticleEnriched> ARTICLES_LATEST_STATE = new TopicSpec<>(
        "articles.latest-state", ArticleEnriched.class,
        Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000", "delete.retention.ms", ONE_DAY_MS));

    /**
     * ingest-service's ledger of every story's versions, owner desk and kill status, compacted. It is the
     * state that makes stale versions, kills and idempotent retries hold across restarts.
     */
    public static final TopicSpec<StoryLedgerEntry> INGEST_LEDGER = new TopicSpec<>(
        "ingest.ledger", StoryLedgerEntry.class,
        Map.of("cleanup.policy", "compact", "min.insync.replicas", "1"));

    /** API keys created over ingest-service's /keys API (hashes only), compacted; a tombstone revokes a key. */
    public static final TopicSpec<ApiKeyRecord> INGEST_API_KEYS = new TopicSpec<>(
        "ingest.api-keys", ApiKeyRecord.class,
        Map.of("cleanup.policy", "compact", "min.insync.replicas", "1"));

    /** Editors' changes to the entity dictionary, compacted; read by enrich-service as a global store. */
    public static final TopicSpec<DictionaryEdit> DICTIONARY_ENTRIES = new TopicSpec<>(
        "dictionary.entries", DictionaryEdit.class,
        Map.of("cleanup.policy", "compact", "min.insync.replicas", "1"));

    /**
     * Story versions to enrich again after a dictionary change, keyed and partitioned like
     * {@code articles.published} so enrich-service handles both in one ordered stream. Written by enrich-service.
     */
    public static final TopicSpec<ArticlePublished> ENRICH_REPLAY = new TopicSpec<>(
        "enrich.replay", ArticlePublished.class,
        Map.of("cleanup.policy", "delete", "retention.ms", ONE_DAY_MS));

    /**
     * Stories entering feed-service's feed (including embargo releases), and tombstones for stories leaving
     * it, written by feed-service in the same transaction as its stores; every feed instance reads all of it
     * for its live stream.
     */
    public static final TopicSpec<ArticleEnriched> FEED_EVENTS = new TopicSpec<>(
        "feed.events", ArticleEnriched.class,
        Map.of("cleanup.policy", "delete", "retention.ms", ONE_DAY_MS));

    /** Records enrich-service could not read or enrich from {@code articles.published}. */
    public static final DeadLetterTopic ARTICLES_PUBLISHED_DLQ = DeadLetterTopic.of(ARTICLES_PUBLISHED, "enrich-service");

    /** Records enrich-service could not read or enrich from {@code enrich.replay}. */
    public static final DeadLetterTopic ENRICH_REPLAY_DLQ = DeadLetterTopic.of(ENRICH_REPLAY, "enrich-service");

    /** Records feed-service could not read or index from {@code articles.enriched}. */
    public static final DeadLetterTopic ARTICLES_ENRICHED_DLQ = DeadLetterTopic.of(ARTICLES_ENRICHED, "feed-service");

    private Topics() {
    }

    public static List<DeadLetterTopic> deadLetters() {
        return List.of(ARTICLES_PUBLISHED_DLQ, ENRICH_REPLAY_DLQ, ARTICLES_ENRICHED_DLQ);
    }

    public static List<TopicSpec<?>> all() {
        return List.of(ARTICLES_PUBLISHED, ARTICLES_ENRICHED, ARTICLES_LATEST_STATE, INGEST_LEDGER, INGEST_API_KEYS,
            DICTIONARY_ENTRIES, ENRICH_REPLAY, FEED_EVENTS);
    }
}
