package io.newsflow.feed.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.platform.lag.ConsumerLagMonitor;
import io.newsflow.platform.lag.LagReport;

/**
 * The ops pages feed-service serves beside the feed: {@code GET /ops/lag}, consumer lag of every Newsflow group per
 * partition over the last hour, and {@code GET /ops/lag/history}, the same as JSON ({@link LagReport}).
 */
public final class OpsRoutes {

    private static final Map<String, String> ASSETS = Map.of(
        "lag.html", "text/html; charset=utf-8",
        "lag.js", "text/javascript; charset=utf-8",
        "lag.css", "text/css; charset=utf-8");

    private final ConsumerLagMonitor lag;

    public OpsRoutes(ConsumerLagMonitor lag) {
        this.lag = lag;
    }

    public void register(RoutesConfig routes) {
        routes.get("/ops/lag", ctx -> asset(ctx, "lag.html"));
        routes.get("/ops/lag/history", ctx -> {
            ctx.header("Cache-Control", "no-store");
            ctx.json(LagReport.from(lag.history()));
        });
        routes.get("/ops/{file}", ctx -> asset(ctx, ctx.pathParam("file")));
    }

    private static void asset(Context ctx, String file) {
        String type = ASSETS.get(file);
        if (type == null) {
            throw ProblemException.notFound("No ops page file " + file);
        }
        try (InputStream in = OpsRoutes.class.getResourceAsStream("/ops/" + file)) {
            if (in == null) {
                throw ProblemException.notFound("No ops page file " + file);
            }
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(type).result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
