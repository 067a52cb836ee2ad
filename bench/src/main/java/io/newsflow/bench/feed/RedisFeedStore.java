package io.newsflow.bench.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.feed.http.FeedViews;
import io.newsflow.feed.store.FeedQueries;
import io.newsflow.feed.store.TimelineKey;
import io.newsflow.platform.http.Json;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.EntityMention;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * The latest-news feed as a team would build it on Redis instead of Kafka Streams state:
 *
 * <ul>
 *   <li>{@code feed:latest}: a sorted set of story ids scored by their feed time in epoch millis;
 *   <li>{@code feed:entity:<id>}: the same per entity (lower-cased id, as feed-service's index normalizes it);
 *   <li>{@code story:<id>}: a hash per story whose {@code item} field is the story's feed item, already rendered
 *       as the JSON feed-service sends, so a page is two round trips (ZREVRANGE, then a pipeline of HGETs) and
 *       string concatenation, with no per-request serialization.
 * </ul>
 *
 * The page JSON and its {@code next} cursor are byte for byte what feed-service answers for the same data.
 */
public final class RedisFeedStore {

    static final String LATEST = "feed:latest";
    private static final String ENTITY_PREFIX = "feed:entity:";
    private static final String STORY_PREFIX = "story:";
    private static final String ITEM_FIELD = "item";

    private final JedisPool pool;

    public RedisFeedStore(JedisPool pool) {
        this.pool = pool;
    }

    /** Writes stories {@code 0..count-1} in pipelined batches; returns when Redis has acknowledged all of them. */
    public void load(long count, LongFunction<ArticleEnriched> stories, Runnable everyBatch) {
        ObjectMapper json = Json.mapper();
        int batch = 2_000;
        try (Jedis redis = pool.getResource()) {
            for (long start = 0; start < count; start += batch) {
                Pipeline pipeline = redis.pipelined();
                for (long n = start; n < Math.min(count, start + batch); n++) {
                    ArticleEnriched story = stories.apply(n);
                    String id = story.getArticle().getId();
                    double score = feedTime(story).toEpochMilli();
                    pipeline.hset(STORY_PREFIX + id, ITEM_FIELD, render(json, story));
                    pipeline.zadd(LATEST, score, id);
                    story.getEntities().stream().map(EntityMention::getEntityId).distinct()
                        .forEach(entity -> pipeline.zadd(entityKey(entity), score, id));
                }
                pipeline.sync();
                everyBatch.run();
            }
        }
    }

    /**
     * One newest-first page as feed-service's JSON: {@code {"items":[...],"next":"<cursor>"}}.
     *
     * @param entity only stories mentioning this entity, or null for all
     * @param cursor the {@code next} of the previous page, or null for the first page
     */
    public byte[] page(String entity, int limit, String cursor) {
        String key = entity == null ? LATEST : entityKey(entity);
        try (Jedis redis = pool.getResource()) {
            // One extra id tells whether a next page exists.
            List<String> ids = cursor == null
                ? redis.zrevrange(key, 0, limit)
                : redis.zrevrangeByScore(key, "(" + cursorMillis(cursor), "-inf", 0, limit + 1);
            List<String> shown = ids.subList(0, Math.min(limit, ids.size()));
            Pipeline pipeline = redis.pipelined();
            List<Response<String>> items = new ArrayList<>(shown.size());
            for (String id : shown) {
                items.add(pipeline.hget(STORY_PREFIX + id, ITEM_FIELD));
            }
            List<Response<Double>> lastScore = shown.isEmpty() || ids.size() <= limit ? List.of()
                : List.of(pipeline.zscore(key, shown.get(shown.size() - 1)));
            pipeline.sync();

            List<String> itemsJson = new ArrayList<>(items.size());
            for (Response<String> item : items) {
                itemsJson.add(item.get());
            }
            String next = null;
            if (!lastScore.isEmpty()) {
                Instant last = Instant.ofEpochMilli(lastScore.get(0).get().longValue());
                next = FeedQueries.encodeCursor(new TimelineKey(last, shown.get(shown.size() - 1)).toBytes());
            }
            return FeedViews.pageJson(itemsJson, next);
        }
    }

    private static long cursorMillis(String cursor) {
        return TimelineKey.fromBytes(FeedQueries.decodeCursor(cursor)).publishedAt().toEpochMilli();
    }

    private static String entityKey(String entity) {
        return ENTITY_PREFIX + entity.trim().toLowerCase(Locale.ROOT);
    }

    /** Where feed-service places a story in time: its display time if re-topped, else its publication time. */
    private static Instant feedTime(ArticleEnriched story) {
        var article = story.getArticle();
        return article.getDisplayAt() != null ? article.getDisplayAt() : article.getPublishedAt();
    }

    private static String render(ObjectMapper json, ArticleEnriched story) {
        try {
            return json.writeValueAsString(FeedViews.item(story));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
