package io.newsflow.platform.ninjs;

import java.util.List;
import java.util.stream.Collectors;

import io.newsflow.platform.http.Problem.FieldError;

/**
 * A ninjs document Newsflow cannot take, with every problem found in it. Each {@link FieldError#field()} is
 * a JSON pointer into the document ({@code /headlines}, {@code /bodies/1/value}; the empty pointer is the
 * whole document), so an HTTP handler can answer {@code 422} with
 * {@code ProblemException.unprocessable(e.getMessage(), e.errors())}.
 */
public final class NinjsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public NinjsException(List<FieldError> errors) {
        super(message(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a NinjsException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** Every problem, in the order the reader met them. */
    public List<FieldError> errors() {
        return errors;
    }

    private static String message(List<FieldError> errors) {
        return "not a usable ninjs document: " + errors.stream()
            .map(error -> (error.field().isEmpty() ? "(document)" : error.field()) + ": " + error.message())
            .collect(Collectors.joining("; "));
    }
}
