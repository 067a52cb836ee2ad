package io.newsflow.platform.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.newsflow.platform.config.CommonConfig;
import io.newsflow.platform.config.Settings;
import io.newsflow.platform.health.HealthCheck;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.javalin.validation.ValidationException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP bootstrap every Newsflow service shares: Javalin with Jackson, one exception mapper that
 * answers every failure as {@code application/problem+json} (never a stack trace), {@code /health/live},
 * {@code /health/ready} and {@code /metrics}. Services add their own routes through {@code routes}.
 *
 * <p>Every request is timed into {@value #REQUESTS_METRIC} ({@code http_server_requests_seconds_*} in
 * Prometheus, with histogram buckets), tagged with the method, the matched route template (never the raw
 * path, so ids do not explode the series; {@code NOT_FOUND} when no route matched), the status and the
 * outcome. A long-lived request ({@code /feed/stream}) is recorded once, when it ends.
 *
 * <p>{@code /health/ready} is UP (200) only when every readiness check is; otherwise DOWN (503). Either way
 * the body names each check: {@code {"status":"DOWN","checks":{"broker":{"status":"DOWN","detail":"…"}}}}.
 * Liveness does not depend on them: a service that cannot reach Kafka is not ready, but restarting it
 * would not help.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    /** The request timer; Prometheus shows it as {@code http_server_requests_seconds_count/_sum/_bucket}. */
    public static final String REQUESTS_METRIC = "http.server.requests";
    /** The {@code route} tag of a request no route matched. */
    public static final String UNMATCHED_ROUTE = "NOT_FOUND";
    /** The name of the check built from a plain {@code ready} flag. */
    public static final String SERVICE_CHECK = "service";
    /** Jetty threads when a service does not set {@value CommonConfig#HTTP_THREADS_MAX_CONFIG}: Javalin's default. */
    public static final int DEFAULT_MAX_THREADS = 250;
    /** Fewer leaves Jetty no thread for requests once its acceptor and selectors have theirs. */
    static final int MIN_THREADS = 8;

    private final Javalin app;
    private final String name;
    private final List<HealthCheck> readiness;

    private HttpServer(String name, Javalin app, List<HealthCheck> readiness) {
        this.name = name;
        this.app = app;
        this.readiness = readiness;
    }

    /** Starts a server on the {@code http.host} and {@code http.port} of a service's settings. */
    public static HttpServer start(String name, Settings settings, PrometheusMeterRegistry metrics, BooleanSupplier ready,
                                   Consumer<RoutesConfig> routes) {
        return start(name, settings, metrics, List.of(HealthCheck.of(SERVICE_CHECK, ready, "not ready")), routes);
    }

    /**
     * Starts a server on the {@code http.host} and {@code http.port} of a service's settings, ready when all
     * of {@code readiness} are UP. Checks that are {@link AutoCloseable} (a
     * {@link io.newsflow.platform.health.BrokerHealth}) are closed with the server.
     */
    public static HttpServer start(String name, Settings settings, PrometheusMeterRegistry metrics, List<HealthCheck> readiness,
                                   Consumer<RoutesConfig> routes) {
        return start(name, settings.string(CommonConfig.HTTP_HOST_CONFIG), settings.integer(CommonConfig.HTTP_PORT_CONFIG),
            settings.integer(CommonConfig.HTTP_MAX_REQUEST_BYTES_CONFIG), settings.integer(CommonConfig.HTTP_THREADS_MAX_CONFIG),
            Json.mapper(), metrics, readiness, routes);
    }

    /**
     * Starts a server.
     *
     * @param ready whether the service can answer queries now (stores restored, broker reachable)
     */
    public static HttpServer start(String name, String host, int port, long maxRequestBytes, ObjectMapper mapper,
                                   PrometheusMeterRegistry metrics, BooleanSupplier ready, Consumer<RoutesConfig> routes) {
        return start(name, host, port, maxRequestBytes, mapper, metrics, List.of(HealthCheck.of(SERVICE_CHECK, ready, "not ready")),
            routes);
    }

    /**
     * Starts a server.
     *
     * @param readiness what must hold for the service to answer queries (stores restored, broker reachable);
     *                  {@link AutoCloseable} checks are closed with the server
     */
    public static HttpServer start(String name, String host, int port, long maxRequestBytes, ObjectMapper mapper,
                                   PrometheusMeterRegistry metrics, List<HealthCheck> readiness, Consumer<RoutesConfig> routes) {
        return start(name, host, port, maxRequestBytes, DEFAULT_MAX_THREADS, mapper, metrics, readiness, routes);
    }

    /**
     * Starts a server.
     *
     * @param maxThreads most requests Jetty works on at once ({@value CommonConfig#HTTP_THREADS_MAX_CONFIG})
     */
    public static HttpServer start(String name, String host, int port, long maxRequestBytes, int maxThreads, ObjectMapper mapper,
                                   PrometheusMeterRegistry metrics, List<HealthCheck> readiness, Consumer<RoutesConfig> routes) {
        if (maxThreads < MIN_THREADS) {
            throw new IllegalArgumentException(CommonConfig.HTTP_THREADS_MAX_CONFIG + " must be at least " + MIN_THREADS
                + " (Jetty's acceptor and selector threads come out of the same pool); got " + maxThreads);
        }
        List<HealthCheck> checks = List.copyOf(readiness);
        Javalin app = Javalin.create(config -> {
            QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads), 60_000);
            pool.setName("JettyServerThreadPool");
            config.jetty.threadPool = pool;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = maxRequestBytes;
            config.startup.showJavalinBanner = false;
            config.router.ignoreTrailingSlashes = true;
            // Requests Jetty refuses before routing (bad request line, ambiguous path) answer problem+json too.
            ProblemErrorHandler jettyErrors = new ProblemErrorHandler(mapper);
            config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
            // Runs after every request, matched or not, once the status is final (for SSE: when the stream ends).
            config.requestLogger.http((ctx, ms) -> record(metrics, ctx, ms));
            RoutesConfig r = config.routes;
            r.get("/health/live", ctx -> ctx.json(new Health("UP", null)));
            r.get("/health/ready", ctx -> {
                Health health = readiness(checks);
                ctx.status("UP".equals(health.status()) ? 200 : 503).json(health);
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
                // A route's own problem is already answered; Jetty reports its type with "; charset=utf-8".
                String answered = ctx.res().getContentType();
                if (answered == null || !answered.startsWith(Problem.CONTENT_TYPE)) {
                    answer(ctx, new Problem("about:blank", "Not Found", 404, "No resource at " + ctx.path(), ctx.path(), null));
                }
            });
            r.error(405, ctx -> answer(ctx, new Problem("about:blank", "Method Not Allowed", 405,
                ctx.method() + " is not supported on " + ctx.path(), ctx.path(), null)));
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            closeChecks(checks);
            throw e;
        }
        log.info("{} listening on http://{}:{}", name, host, app.port());
        return new HttpServer(name, app, checks);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        closeChecks(readiness);
        log.info("{} HTTP server stopped", name);
    }

    private static void closeChecks(List<HealthCheck> checks) {
        for (HealthCheck check : checks) {
            if (check instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("readiness check {} did not close cleanly: {}", check.name(), e.toString());
                }
            }
        }
    }

    /** UP when every check is; each check listed with its status and detail. A throwing check counts as DOWN. */
    static Health readiness(List<HealthCheck> checks) {
        Map<String, Check> results = new LinkedHashMap<>();
        boolean allUp = true;
        for (HealthCheck check : checks) {
            HealthCheck.Result result;
            try {
                result = check.check();
            } catch (RuntimeException e) {
                result = HealthCheck.Result.down("check failed: " + e);
            }
            allUp &= result.up();
            results.put(check.name(), new Check(result.up() ? "UP" : "DOWN", result.detail()));
        }
        return new Health(allUp ? "UP" : "DOWN", results);
    }

    private static void record(PrometheusMeterRegistry metrics, Context ctx, Float ms) {
        int status = ctx.statusCode();
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? UNMATCHED_ROUTE : matched.path;
        Timer.builder(REQUESTS_METRIC)
            .description("HTTP requests served, by method, route template, status and outcome")
            .tag("method", ctx.method().name())
            .tag("route", route)
            .tag("status", Integer.toString(status))
            .tag("outcome", outcome(status))
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(metrics)
            .record(Duration.ofNanos(ms == null ? 0 : (long) (ms * 1_000_000.0)));
    }

    static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        if (status >= 300) {
            return "REDIRECTION";
        }
        return status >= 200 ? "SUCCESS" : "INFORMATIONAL";
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

    /** Body of the health endpoints; {@code checks} only on readiness. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(String status, Map<String, Check> checks) {
    }

    /** One readiness check in the body of {@code /health/ready}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String status, String detail) {
    }
}
