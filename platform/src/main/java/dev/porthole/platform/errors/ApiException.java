package dev.porthole.platform.errors;

import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.List;

/** A request that cannot be served, with the status and the words the client gets. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final List<Problem.FieldError> fieldErrors;
    private final Duration retryAfter;
    private final String code;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(HttpStatus status, String detail, List<Problem.FieldError> fieldErrors) {
        this(status, detail, fieldErrors, null, null);
    }

    private ApiException(
            HttpStatus status, String detail, List<Problem.FieldError> fieldErrors, Duration retryAfter, String code) {
        super(detail, null, false, false);
        this.status = status;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfter = retryAfter;
        this.code = code;
    }

    /** A problem with a machine-readable {@code code} beside its words, for the cases a script tells apart. */
    public static ApiException coded(HttpStatus status, String code, String detail) {
        return new ApiException(status, detail, List.of(), null, code);
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(
                HttpStatus.BAD_REQUEST, field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }

    public static ApiException tooManyRequests(String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, detail, List.of(), retryAfter, null);
    }

    public HttpStatus status() {
        return status;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** The problem's {@code code}, or null when its status says enough. */
    public String code() {
        return code;
    }

    /** When the client may try again, for a 429; null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
