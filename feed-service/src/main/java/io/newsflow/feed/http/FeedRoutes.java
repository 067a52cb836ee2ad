package io.newsflow.feed.http;

import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.newsflow.feed.http.FeedViews.FeedPageView;
import io.newsflow.feed.store.FeedQueries;
import io.newsflow.feed.store.FeedQueries.InvalidCursorException;
import io.newsflow.platform.http.ProblemException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** feed-service's HTTP API: {@code GET /feed} and {@code GET /articles/{id}}. */
public final class FeedRoutes {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    private final FeedQueries queries;
    private final BooleanSupplier ready;

    public FeedRoutes(FeedQueries queries, BooleanSupplier ready) {
        this.queries = queries;
        this.ready = ready;
    }

    public void register(RoutesConfig routes) {
        routes.get("/feed", this::feed);
        routes.get("/articles/{id}", this::article);
    }

    private void feed(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class)
            .check(n -> n == null || (n >= 1 && n <= MAX_LIMIT), "must be between 1 and " + MAX_LIMIT)
            .getOrDefault(DEFAULT_LIMIT);
        Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isBlank());
        FeedQueries.FeedPage page = query(ctx, () -> queries.latest(limit, cursor));
        ctx.header("Cache-Control", "no-cache");
        ctx.json(new FeedPageView(page.items().stream().map(FeedViews::item).toList(), page.next()));
    }

    private void article(Context ctx) {
        String id = ctx.pathParam("id");
        var article = query(ctx, () -> queries.article(id))
            .orElseThrow(() -> ProblemException.notFound("No story with id '" + id + "' is in the feed"));
        ctx.json(FeedViews.article(article));
    }

    private <T> T query(Context ctx, java.util.function.Supplier<T> query) {
        if (!ready.getAsBoolean()) {
            throw unavailable(ctx);
        }
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            // Stores move during a rebalance or restore; an honest 503 beats a partial page.
            throw unavailable(ctx);
        } catch (InvalidCursorException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    private static ProblemException unavailable(Context ctx) {
        ctx.header("Retry-After", "1");
        return ProblemException.unavailable("The feed store is restoring or rebalancing; retry shortly.");
    }
}
