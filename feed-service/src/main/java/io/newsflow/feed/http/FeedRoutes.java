package io.newsflow.feed.http;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.newsflow.feed.http.FeedViews.FeedPageView;
import io.newsflow.feed.live.LiveFeed;
import io.newsflow.feed.store.FeedQueries;
import io.newsflow.feed.store.FeedQueries.InvalidCursorException;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.platform.ninjs.NinjsWriter;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.PubStatus;
import io.newsflow.schemas.StoryHistory;
import io.newsflow.schemas.VersionSummary;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * feed-service's public HTTP API: the feed ({@code GET /feed}, {@code /tags/{tag}/feed},
 * {@code /entities/{id}/feed}), the live stream ({@code GET /feed/stream}), one story
 * ({@code GET /articles/{id}}, JSON or ninjs) and its version chain ({@code GET /articles/{id}/versions}).
 * Only visible stories are served: usable, and past any embargo.
 */
public final class FeedRoutes {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;
    static final String NINJS_MEDIA_TYPE = "application/ninjs+json";
    static final long HEARTBEAT_MS = 15_000;

    private final FeedQueries queries;
    private final LiveFeed live;
    private final NinjsWriter ninjs;
    private final Clock clock;
    private final BooleanSupplier ready;

    public FeedRoutes(FeedQueries queries, LiveFeed live, NinjsWriter ninjs, Clock clock, BooleanSupplier ready) {
        this.queries = queries;
        this.live = live;
        this.ninjs = ninjs;
        this.clock = clock;
        this.ready = ready;
    }

    public void register(RoutesConfig routes) {
        routes.get("/feed", ctx -> feed(ctx, FeedFilter.from(ctx)));
        routes.get("/tags/{tag}/feed", ctx -> feed(ctx, FeedFilter.from(ctx).withTag(ctx.pathParam("tag"))));
        routes.get("/entities/{id}/feed", ctx -> feed(ctx, FeedFilter.from(ctx).withEntity(ctx.pathParam("id"))));
        routes.get("/feed/stream", this::stream);
        routes.get("/articles/{id}", this::article);
        routes.get("/articles/{id}/versions", this::versions);
    }

    private void feed(Context ctx, FeedFilter filter) {
        int limit = ctx.queryParamAsClass("limit", Integer.class)
            .check(n -> n == null || (n >= 1 && n <= MAX_LIMIT), "must be between 1 and " + MAX_LIMIT)
            .getOrDefault(DEFAULT_LIMIT);
        Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isBlank());
        FeedQueries.FeedPage page = query(ctx, () -> queries.latest(limit, cursor, filter.prefixes(), filter.predicate()));
        ctx.header("Cache-Control", "no-cache");
        ctx.json(new FeedPageView(page.items().stream().map(FeedViews::item).toList(), page.next()));
    }

    private void article(Context ctx) {
        String id = ctx.pathParam("id");
        ArticleEnriched story = query(ctx, () -> queries.article(id))
            .filter(this::isVisible)
            .orElseThrow(() -> missing(ctx, id));
        if (wantsNinjs(ctx)) {
            ctx.contentType(NINJS_MEDIA_TYPE).result(ninjs.write(story).toString());
        } else {
            ctx.json(FeedViews.article(story));
        }
    }

    private void versions(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<ArticleEnriched> current = query(ctx, () -> queries.article(id));
        // An embargoed story's chain would leak its headline early.
        if (current.isPresent() && !isVisible(current.get())) {
            throw ProblemException.notFound("No story with id '" + id + "' is in the feed");
        }
        StoryHistory history = query(ctx, () -> queries.history(id))
            .orElseThrow(() -> ProblemException.notFound("No story with id '" + id + "' is in the feed"));
        ctx.json(FeedViews.versions(history));
    }

    /**
     * Server-Sent Events. Served as a plain GET rather than Javalin's SSE route, which silently answers an
     * empty 200 when the client leaves out {@code Accept: text/event-stream}, as curl does.
     */
    private void stream(Context ctx) throws java.io.IOException {
        FeedFilter.from(ctx); // reject bad filters with a problem before the stream starts
        ctx.status(200);
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.contentType("text/event-stream");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Accel-Buffering", "no");
        ctx.res().flushBuffer();
        try (SseClient client = new SseClient(ctx)) {
            pump(client);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(SseClient client) throws InterruptedException {
        Context ctx = client.ctx();
        FeedFilter filter = FeedFilter.from(ctx);
        try (LiveFeed.Subscription subscription = live.subscribe(filter.predicate())) {
            client.sendComment("connected");
            while (!client.terminated()) {
                LiveFeed.Event event = subscription.next(HEARTBEAT_MS);
                if (subscription.overflowed()) {
                    client.sendEvent("resync", Map.of("reason", "too far behind; reload /feed and reconnect"));
                    return;
                }
                if (event == null) {
                    client.sendComment("heartbeat");
                } else if (event.story() != null) {
                    var article = event.story().getArticle();
                    client.sendEvent("story", FeedViews.item(event.story()), article.getId() + ":" + article.getVersion());
                } else {
                    client.sendEvent("removed", Map.of("id", event.storyId()));
                }
            }
        }
    }

    private boolean isVisible(ArticleEnriched story) {
        var article = story.getArticle();
        return article.getPubStatus() == PubStatus.usable
            && (article.getEmbargoUntil() == null || !article.getEmbargoUntil().isAfter(clock.instant()));
    }

    /** 410 for a story that was killed (the kill itself was public), 404 for anything else. */
    private ProblemException missing(Context ctx, String id) {
        Optional<StoryHistory> history = query(ctx, () -> queries.history(id));
        List<VersionSummary> versions = history.map(StoryHistory::getVersions).orElse(List.of());
        if (!versions.isEmpty() && versions.get(versions.size() - 1).getPubStatus() == PubStatus.canceled) {
            return new ProblemException(410, "Gone", "Story '" + id + "' was killed by its desk and is no longer published");
        }
        return ProblemException.notFound("No story with id '" + id + "' is in the feed");
    }

    private static boolean wantsNinjs(Context ctx) {
        String accept = ctx.header("Accept");
        return "ninjs".equalsIgnoreCase(ctx.queryParam("format")) || (accept != null && accept.contains(NINJS_MEDIA_TYPE));
    }

    private <T> T query(Context ctx, Supplier<T> query) {
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
