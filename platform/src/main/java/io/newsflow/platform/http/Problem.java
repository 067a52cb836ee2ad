package io.newsflow.platform.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. {@code errors} lists
 * field-level validation failures, an extension member the RFC allows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    /** One invalid input field, named by its JSON pointer or property name. */
    public record FieldError(String field, String message) {
    }
}
