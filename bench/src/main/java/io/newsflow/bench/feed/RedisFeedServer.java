package io.newsflow.bench.feed;

import io.javalin.http.Context;
import io.newsflow.feed.store.FeedQueries;
import io.newsflow.platform.http.HttpServer;
import io.newsflow.platform.http.Json;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.platform.http.TaggedResponses;
import io.newsflow.platform.metrics.Metrics;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * The Redis baseline's HTTP front: {@code GET /feed?limit=&entity=&cursor=} on the same platform
 * {@link HttpServer} (Javalin, Jetty, the same JSON mapper, error handling and health routes) as feed-service,
 * answering from {@link RedisFeedStore} with the same body, ETag and Cache-Control. Runs in its own JVM,
 * started by {@link FeedHttpBenchmark}.
 *
 * <p>Usage: {@code RedisFeedServer <http-port> <redis-port>}.
 */
public final class RedisFeedServer {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;
    /** Enough pooled connections for every Jetty thread that could be in a request at once. */
    private static final int REDIS_CONNECTIONS = 256;

    private RedisFeedServer() {
    }

    public static void main(String[] args) {
        int httpPort = Integer.parseInt(args[0]);
        int redisPort = Integer.parseInt(args[1]);
        JedisPoolConfig poolConfig = new JedisPoolConfig();
        poolConfig.setMaxTotal(REDIS_CONNECTIONS);
        poolConfig.setMaxIdle(REDIS_CONNECTIONS);
        JedisPool pool = new JedisPool(poolConfig, "127.0.0.1", redisPort);
        RedisFeedStore store = new RedisFeedStore(pool);
        HttpServer http = HttpServer.start("redis-feed", "127.0.0.1", httpPort, 1024 * 1024, Json.mapper(),
            Metrics.forService("redis-feed"), () -> true, routes -> routes.get("/feed", ctx -> feed(ctx, store)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            pool.close();
        }, "redis-feed-shutdown"));
    }

    private static void feed(Context ctx, RedisFeedStore store) {
        int limit = ctx.queryParamAsClass("limit", Integer.class)
            .check(n -> n >= 1 && n <= MAX_LIMIT, "must be between 1 and " + MAX_LIMIT)
            .getOrDefault(DEFAULT_LIMIT);
        String entity = blankToNull(ctx.queryParam("entity"));
        String cursor = blankToNull(ctx.queryParam("cursor"));
        byte[] body;
        try {
            body = store.page(entity, limit, cursor);
        } catch (FeedQueries.InvalidCursorException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        // The same caching contract and the same response writing as feed-service.
        TaggedResponses.send(ctx, "application/json", body);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
