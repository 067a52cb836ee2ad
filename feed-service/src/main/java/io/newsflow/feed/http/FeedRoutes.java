package io.newsflow.feed.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.newsflow.feed.cluster.FeedCluster;
import io.newsflow.feed.store.FeedQueries;
import io.newsflow.feed.store.FeedQueries.InvalidCursorException;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.platform.http.TaggedResponses;
import io.newsflow.platform.ninjs.NinjsWriter;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.PubStatus;
import io.newsflow.schemas.StoryHistory;
import io.newsflow.schemas.VersionSummary;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

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

    private final Supplier<FeedQueries> queries;
    private final FeedCluster cluster;
    private final LiveStreams streams;
    private final NinjsWriter ninjs;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration readYourWritesTimeout;
    private final BooleanSupplier ready;
    private final PageCache pages;

    public FeedRoutes(Supplier<FeedQueries> queries, PageCache pages, FeedCluster cluster, LiveStreams streams, NinjsWriter ninjs,
                      ObjectMapper json, Clock clock, Duration readYourWritesTimeout, BooleanSupplier ready) {
        this.queries = queries;
        this.pages = pages;
        this.cluster = cluster;
        this.streams = streams;
        this.ninjs = ninjs;
        this.json = json;
        this.clock = clock;
        this.readYourWritesTimeout = readYourWritesTimeout;
        this.ready = ready;
    }

    public void register(RoutesConfig routes) {
        routes.get("/feed", ctx -> feed(ctx, FeedFilter.from(ctx)));
        routes.get("/tags/{tag}/feed", ctx -> feed(ctx, FeedFilter.from(ctx).withTag(ctx.pathParam("tag"))));
        routes.get("/entities/{id}/feed", ctx -> feed(ctx, FeedFilter.from(ctx).withEntity(ctx.pathParam("id"))));
        routes.get("/feed/stream", this::stream);
        routes.get("/articles/{id}", this::article);
        routes.get("/articles/{id}/versions", this::versions);
        routes.get("/internal/feed", this::localPage);
        routes.get("/", ctx -> webAsset(ctx, "index.html"));
        routes.get("/web/{file}", ctx -> webAsset(ctx, ctx.pathParam("file")));
    }

    /** The latest-news page's files, from the classpath's {@code web/} folder: plain HTML, CSS and ES modules. */
    private static final Map<String, String> WEB_TYPES = Map.of("html", "text/html; charset=utf-8",
        "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml; charset=utf-8");
    /** The page's files once read; only files that exist, so requests for missing names cannot grow it. */
    private static final java.util.concurrent.ConcurrentMap<String, String> WEB_FILES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Serves one file of the page with an ETag and {@code Cache-Control: public, no-cache}: the names carry no
     * version, so a browser revalidates (a 304 when unchanged) rather than mixing old and new modules.
     */
    private static void webAsset(Context ctx, String file) {
        String type = file.matches("[a-z0-9][a-z0-9-]*\\.[a-z]+") ? WEB_TYPES.get(file.substring(file.indexOf('.') + 1)) : null;
        Optional<String> body = type == null ? Optional.empty() : Optional.ofNullable(WEB_FILES.computeIfAbsent(file, name -> {
            try (var in = FeedRoutes.class.getResourceAsStream("/web/" + name)) {
                return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        if (body.isEmpty()) {
            throw ProblemException.notFound("No file /web/" + file);
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        respond(ctx, type, body.get());
    }

    /**
     * Scatter-gather: every instance holding feed partitions returns its own newest-first page after the
     * cursor; the pages are merged by position and cut to the limit. The cursor is a position, not an offset,
     * so stories arriving meanwhile cause neither duplicates nor gaps.
     */
    private void feed(Context ctx, FeedFilter filter) {
        int limit = limit(ctx);
        Optional<String> cursor = cursor(ctx);
        List<HostInfo> hosts = query(ctx, cluster::hosts);
        if (hosts.size() == 1 && cluster.isSelf(hosts.get(0))) {
            // This instance holds every partition: its own page is the answer, with nothing to merge.
            PageCache.Page page = pages.get(pageKey("feed", filter, limit, cursor), () -> {
                FeedQueries.FeedPage local = localQuery(filter, limit, cursor, ctx);
                return FeedViews.pageJson(local.entries().stream().map(FeedQueries.PageEntry::itemJson).toList(), local.next());
            });
            TaggedResponses.send(ctx, "application/json", page.body(), page.etag());
            return;
        }
        List<SortedItem> merged = new ArrayList<>();
        // The nearest position an instance stopped at with more to come: past it, that instance's stories are not
        // known yet, so the merged page may not go beyond it without risking a gap.
        org.apache.kafka.common.utils.Bytes frontier = null;
        for (HostInfo host : hosts) {
            LocalPage page = cluster.isSelf(host) ? localPage(ctx, filter, limit, cursor)
                : query(ctx, () -> remotePage(host, filter, limit, cursor));
            merged.addAll(page.entries());
            if (page.next() != null) {
                var stoppedAt = FeedQueries.decodeCursor(page.next());
                frontier = frontier == null || stoppedAt.compareTo(frontier) < 0 ? stoppedAt : frontier;
            }
        }
        // Each page is in order already; decode every position once rather than once per comparison.
        Map<SortedItem, org.apache.kafka.common.utils.Bytes> positions = new java.util.IdentityHashMap<>();
        merged.forEach(item -> positions.put(item, FeedQueries.decodeCursor(item.sortKey())));
        merged.sort(Comparator.comparing(positions::get));
        var knownUpTo = frontier;
        List<SortedItem> complete = knownUpTo == null ? merged
            : merged.stream().filter(item -> positions.get(item).compareTo(knownUpTo) <= 0).toList();
        List<SortedItem> shown = complete.subList(0, Math.min(limit, complete.size()));
        String next = complete.size() > limit ? shown.get(shown.size() - 1).sortKey()
            : frontier != null ? FeedQueries.encodeCursor(frontier) : null;
        TaggedResponses.send(ctx, "application/json", FeedViews.pageJson(shown.stream().map(SortedItem::itemJson).toList(), next));
    }

    /** {@code GET /internal/feed}: this instance's part of a page, for the instance gathering it. */
    private void localPage(Context ctx) {
        FeedFilter filter = FeedFilter.from(ctx);
        int limit = limit(ctx);
        Optional<String> cursor = cursor(ctx);
        PageCache.Page page = pages.get(pageKey("internal", filter, limit, cursor), () -> {
            try {
                return json.writeValueAsBytes(localPage(ctx, filter, limit, cursor));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        TaggedResponses.send(ctx, "application/json", page.body(), page.etag());
    }

    /** Names one page of one view of this instance's feed, for {@link PageCache}. */
    private static String pageKey(String view, FeedFilter filter, int limit, Optional<String> cursor) {
        return view + '?' + filter.toQuery() + "&limit=" + limit + cursor.map(c -> "&cursor=" + c).orElse("");
    }

    private LocalPage localPage(Context ctx, FeedFilter filter, int limit, Optional<String> cursor) {
        FeedQueries.FeedPage page = localQuery(filter, limit, cursor, ctx);
        return new LocalPage(page.entries().stream().map(e -> new SortedItem(e.cursor(), e.itemJson())).toList(), page.next());
    }

    private FeedQueries.FeedPage localQuery(FeedFilter filter, int limit, Optional<String> cursor, Context ctx) {
        return query(ctx, () -> queries.get().latest(limit, cursor, filter.terms(), filter.residual()));
    }

    private LocalPage remotePage(HostInfo host, FeedFilter filter, int limit, Optional<String> cursor) {
        String query = filter.toQuery() + "&limit=" + limit + cursor.map(c -> "&cursor=" + c).orElse("");
        HttpResponse<String> answer = cluster.get(host, "/internal/feed?" + query, null);
        if (answer.statusCode() != 200) {
            throw new FeedCluster.IncompleteClusterException("instance " + host + " answered " + answer.statusCode());
        }
        try {
            return json.readValue(answer.body(), LocalPage.class);
        } catch (IOException e) {
            throw new FeedCluster.IncompleteClusterException("instance " + host + " sent an unreadable page: " + e.getMessage());
        }
    }

    private void article(Context ctx) {
        String id = ctx.pathParam("id");
        // JSON or ninjs by Accept: a shared cache must not hand one to a client that asked for the other.
        ctx.header("Vary", "Accept");
        if (forwardToOwner(ctx, id)) {
            return;
        }
        Optional<Integer> minVersion = minVersion(ctx);
        ArticleEnriched story = minVersion.isPresent() ? awaitVersion(ctx, id, minVersion.get())
            : query(ctx, () -> queries.get().article(id)).filter(this::isVisible).orElseThrow(() -> missing(ctx, id));
        if (wantsNinjs(ctx)) {
            respond(ctx, NINJS_MEDIA_TYPE, ninjs.write(story).toString());
        } else {
            respond(ctx, FeedViews.article(story, "true".equalsIgnoreCase(ctx.queryParam("explain"))));
        }
    }

    /** Read-your-writes: waits a bounded time for the version an editor was just told was published. */
    private ArticleEnriched awaitVersion(Context ctx, String id, int minVersion) {
        long deadline = System.nanoTime() + readYourWritesTimeout.toNanos();
        while (true) {
            Optional<ArticleEnriched> story = query(ctx, () -> queries.get().article(id));
            if (story.isPresent() && story.get().getArticle().getVersion() >= minVersion) {
                return story.filter(this::isVisible).orElseThrow(() -> missing(ctx, id));
            }
            if (story.isEmpty() && hasVersion(ctx, id, minVersion)) {
                // The version came and left the feed (a kill): waiting would not bring it back.
                throw missing(ctx, id);
            }
            if (System.nanoTime() > deadline) {
                ctx.header("Retry-After", "1");
                throw new ProblemException(503, "Service Unavailable", "Version " + minVersion + " of story '" + id
                    + "' is not in the feed after " + readYourWritesTimeout.toMillis() + " ms; the current version is "
                    + story.map(s -> String.valueOf(s.getArticle().getVersion())).orElse("none"));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }

    private boolean hasVersion(Context ctx, String id, int version) {
        return query(ctx, () -> queries.get().history(id))
            .map(history -> history.getVersions().stream().anyMatch(v -> v.getVersion() >= version))
            .orElse(false);
    }

    private void versions(Context ctx) {
        String id = ctx.pathParam("id");
        if (forwardToOwner(ctx, id)) {
            return;
        }
        // The chain is shown only while the story itself is: an embargoed or withheld story's chain would leak its
        // headlines early, and a killed story's would keep them published after the kill.
        query(ctx, () -> queries.get().article(id)).filter(this::isVisible).orElseThrow(() -> missing(ctx, id));
        StoryHistory history = query(ctx, () -> queries.get().history(id)).orElseThrow(() -> missing(ctx, id));
        respond(ctx, FeedViews.versions(history));
    }

    /** Per-story requests go straight to the instance that holds the story; true if it answered for us. */
    private boolean forwardToOwner(Context ctx, String id) {
        if (ctx.header(FeedCluster.FORWARDED_HEADER) != null) {
            return false;
        }
        HostInfo owner = query(ctx, () -> cluster.ownerOf(id));
        if (cluster.isSelf(owner)) {
            return false;
        }
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        HttpResponse<String> answer = query(ctx, () -> cluster.get(owner, ctx.path() + query, ctx.header("Accept")));
        answer.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        answer.headers().firstValue("ETag").ifPresent(etag -> ctx.header("ETag", etag));
        answer.headers().firstValue("Cache-Control").ifPresent(cc -> ctx.header("Cache-Control", cc));
        if (answer.statusCode() == 200 && TaggedResponses.matches(ctx.header("If-None-Match"), answer.headers().firstValue("ETag").orElse(null))) {
            ctx.status(304);
            return true;
        }
        ctx.status(answer.statusCode()).result(answer.body());
        return true;
    }

    private void respond(Context ctx, Object body) {
        try {
            respond(ctx, "application/json", json.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers with a strong ETag of the exact representation and revalidation required (see {@link TaggedResponses}). */
    private static void respond(Context ctx, String contentType, String body) {
        TaggedResponses.send(ctx, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Optional<Integer> minVersion(Context ctx) {
        String value = ctx.queryParam("minVersion");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            int version = Integer.parseInt(value.trim());
            if (version < 1) {
                throw new NumberFormatException();
            }
            return Optional.of(version);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("minVersion must be a version number of 1 or more; got '" + value + "'");
        }
    }

    private static int limit(Context ctx) {
        return ctx.queryParamAsClass("limit", Integer.class)
            .check(n -> n == null || (n >= 1 && n <= MAX_LIMIT), "must be between 1 and " + MAX_LIMIT)
            .getOrDefault(DEFAULT_LIMIT);
    }

    /**
     * The cursor, checked here: a page gathered from several instances must answer a garbled cursor with this 400,
     * not with the 503 of an instance that refused it.
     */
    private static Optional<String> cursor(Context ctx) {
        Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isBlank());
        try {
            cursor.ifPresent(FeedQueries::decodeCursor);
        } catch (InvalidCursorException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return cursor;
    }

    /** One item of a page with its merge position; the item is a {@link FeedViews.FeedItem} rendered as JSON. */
    public record SortedItem(String sortKey, String itemJson) {
    }

    /** One instance's part of a page. */
    public record LocalPage(List<SortedItem> entries, String next) {
    }

    /**
     * Server-Sent Events ({@link LiveStreams}). Served as a plain GET rather than Javalin's SSE route, which
     * silently answers an empty 200 when the client leaves out {@code Accept: text/event-stream}, as curl does.
     */
    private void stream(Context ctx) {
        FeedFilter filter = FeedFilter.from(ctx); // reject bad filters with a problem before the stream starts
        if (!streams.tryReserve()) {
            ctx.header("Retry-After", "5");
            throw ProblemException.unavailable("This instance takes no more live streams now (" + streams.count()
                + " open, at its limit or shutting down); retry shortly or poll GET /feed.");
        }
        String lastEventId = Optional.ofNullable(ctx.header("Last-Event-ID")).orElse(ctx.queryParam("lastEventId"));
        streams.start(ctx, filter.predicate(), lastEventId);
    }

    private boolean isVisible(ArticleEnriched story) {
        var article = story.getArticle();
        return article.getPubStatus() == PubStatus.usable
            && (article.getEmbargoUntil() == null || !article.getEmbargoUntil().isAfter(clock.instant()));
    }

    /** 410 for a story that was killed (the kill itself was public), 404 for anything else. */
    private ProblemException missing(Context ctx, String id) {
        Optional<StoryHistory> history = query(ctx, () -> queries.get().history(id));
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
        } catch (FeedCluster.IncompleteClusterException e) {
            ctx.header("Retry-After", "1");
            throw ProblemException.unavailable("The feed cannot answer completely right now (" + e.getMessage() + "); retry shortly.");
        }
    }

    private static ProblemException unavailable(Context ctx) {
        ctx.header("Retry-After", "1");
        return ProblemException.unavailable("The feed store is restoring or rebalancing; retry shortly.");
    }
}
