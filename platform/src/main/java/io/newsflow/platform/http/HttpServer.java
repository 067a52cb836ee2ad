package io.newsflow.platform.http;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.validation.ValidationException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP bootstrap every Newsflow service shares: Javalin with Jackson, one exception mapper that
 * answers every failure as {@code application/problem+json} (never a stack trace), {@code /health/live},
 * {@code /health/ready} and {@code /metrics}. Services add their own routes through {@code routes}.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin app;
    private final String name;

    private HttpServer(String name, Javalin app) {
        this.name = name;
        this.app = app;
    }

    /** Starts a server on the {@code http.host} and {@code http.port} of a service's settings. */
    public static HttpServer start(String name, Settings settings, PrometheusMeterRegistry metrics, BooleanSupplier ready,
                                   Consumer<RoutesConfig> routes) {
        return start(name, settings.string(CommonConfig.HTTP_HOST_CONFIG), settings.integer(CommonConfig.HTTP_PORT_CONFIG),
            settings.integer(CommonConfig.HTTP_MAX_REQUEST_BYTES_CONFIG), Json.mapper(), metrics, ready, routes);
    }

    /**
     * Starts a server.
     *
     * @param ready whether the service can answer queries now (stores restored, broker reachable)
     */
    public static HttpServer start(String name, String host, int port, long maxRequestBytes, ObjectMapper mapper,
                                   PrometheusMeterRegistry metrics, BooleanSupplier ready, Consumer<RoutesConfig> routes) {
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = maxRequestBytes;
            config.startup.showJavalinBanner = false;
            config.router.ignoreTrailingSlashes = true;
            RoutesConfig r = config.routes;
            r.get("/health/live", ctx -> ctx.json(new Health("UP")));
            r.get("/health/ready", ctx -> {
                boolean isReady = ready.getAsBoolean();
                ctx.status(isReady ? 200 : 503).json(new Health(isReady ? "UP" : "DOWN"));
            });
            r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            routes.accept(r);
            r.exception(ProblemException.class, (e, ctx) -> answer(ctx, e.toProblem(ctx.path())));
            r.exception(ValidationException.class, (e, ctx) -> answer(ctx, validationProblem(e, ctx)));
            r.exception(HttpResponseException.class, (e, ctx) -> answer(ctx,
                new Problem("about:blank", reason(e.getStatus()), e.getStatus(), detailOf(e, maxRequestBytes), ctx.path(), null)));
            r.exception(Exception.class, (e, ctx) -> {
                log.error("{}: unhandled error on {} {}", name, ctx.method(), ctx.path(), e);
                answer(ctx, new Problem("about:blank", "Internal Server Error", 500,
                    "The server failed to handle this request; the error was logged.", ctx.path(), null));
            });
            r.error(404, ctx -> {
                if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                    answer(ctx, new Problem("about:blank", "Not Found", 404, "No resource at " + ctx.path(), ctx.path(), null));
                }
            });
            r.error(405, ctx -> answer(ctx, new Problem("about:blank", "Method Not Allowed", 405,
                ctx.method() + " is not supported on " + ctx.path(), ctx.path(), null)));
        });
        app.start(host, port);
        log.info("{} listening on http://{}:{}", name, host, app.port());
        return new HttpServer(name, app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        log.info("{} HTTP server stopped", name);
    }

    private static void answer(Context ctx, Problem problem) {
        ctx.status(problem.status()).json(problem).contentType(Problem.CONTENT_TYPE);
    }

    private static Problem validationProblem(ValidationException e, Context ctx) {
        List<Problem.FieldError> errors = e.getErrors().entrySet().stream()
            .flatMap(entry -> entry.getValue().stream().map(err -> new Problem.FieldError(entry.getKey(), err.getMessage())))
            .toList();
        String detail = errors.isEmpty() ? "Invalid request" : errors.get(0).field() + ": " + errors.get(0).message();
        return new Problem("about:blank", "Bad Request", 400, detail, ctx.path(), errors);
    }

    private static String detailOf(HttpResponseException e, long maxRequestBytes) {
        if (e.getStatus() == 413) {
            return "Request body exceeds the limit of " + maxRequestBytes + " bytes; nothing was processed";
        }
        return e.getMessage();
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> "HTTP " + status;
        };
    }

    /** Body of the health endpoints. */
    public record Health(String status) {
    }
}
