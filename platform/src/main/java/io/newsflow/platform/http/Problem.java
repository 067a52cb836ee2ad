package io.newsflow.platform.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. {@code errors} lists field-level
 * validation failures; {@code extensions} carries other members the RFC allows, such as the
 * {@code currentVersion} of a story a stale update lost to.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      @JsonIgnore Map<String, Object> extensions) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem {
        extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, Map.of());
    }

    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return extensions;
    }

    /** One invalid input field, named by its JSON pointer or property name. */
    public record FieldError(String field, String message) {
    }
}
