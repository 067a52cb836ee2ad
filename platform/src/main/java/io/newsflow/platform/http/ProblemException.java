package io.newsflow.platform.http;

import java.util.List;
import java.util.Map;

/**
 * Thrown by route handlers to answer with a problem. The single exception mapper in {@link HttpServer}
 * turns it into {@code application/problem+json}, so handlers carry no try/catch of their own.
 */
public final class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        this(status, title, detail, errors, Map.of());
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors,
                            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    /** A problem as the same JSON shape this exception maps to, for answers that are not thrown (batch lines). */
    public Problem problem(String instance) {
        return toProblem(instance);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException unprocessable(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(422, "Unprocessable Content", detail, errors);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service Unavailable", detail);
    }

    Problem toProblem(String instance) {
        return new Problem("about:blank", title, status, getMessage(), instance, errors, extensions);
    }

    public int status() {
        return status;
    }
}
