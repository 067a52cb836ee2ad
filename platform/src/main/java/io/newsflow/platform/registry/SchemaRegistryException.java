package io.newsflow.platform.registry;

/**
 * A registry call that failed, carrying Confluent's error code (40401 subject not found, 40403 schema
 * not found, 409 incompatible, 42201 invalid schema, ...) or -1 when the registry could not be reached, and the
 * HTTP status of the answer when there was one.
 */
public final class SchemaRegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int UNREACHABLE = -1;

    private final int errorCode;
    /** 0 when the failure did not come from an HTTP answer. */
    private final int httpStatus;

    public SchemaRegistryException(int errorCode, String message) {
        this(0, errorCode, message);
    }

    /** A failure the registry answered with {@code httpStatus}; {@code errorCode} is the body's, or the status. */
    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.errorCode = UNREACHABLE;
        this.httpStatus = 0;
    }

    public int errorCode() {
        return errorCode;
    }

    /**
     * Whether the registry could not be asked or failed on its own side: unreachable, any HTTP 5xx (a proxy's
     * 503 with no Confluent body, Confluent's generic {@code {"error_code":500}}), or one of Confluent's 5xxxx
     * codes. The request may well succeed later; every other failure is the registry's answer about it.
     */
    public boolean registryUnavailable() {
        return errorCode == UNREACHABLE || httpStatus >= 500 || (errorCode >= 50_000 && errorCode < 60_000);
    }

    /** The registry failure somewhere in {@code exception}'s cause chain, if there is one. */
    public static java.util.Optional<SchemaRegistryException> inCauseChain(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException registry) {
                return java.util.Optional.of(registry);
            }
        }
        return java.util.Optional.empty();
    }

    public boolean isNotFound() {
        return errorCode == SUBJECT_NOT_FOUND || errorCode == VERSION_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND;
    }
}
