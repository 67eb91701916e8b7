package dev.porthole.api.http;

import dev.porthole.api.Api;
import java.util.Optional;

/**
 * Thrown by a handler to answer with an error. By default the client gets an {@code application/problem+json} body
 * with the status and {@code detail}; where a spec fixes another error body, give it as {@code response}.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public class HttpError extends RuntimeException {
    /** The HTTP status, 400-599. */
    private final int status;

    /** The request field at fault, or null. */
    private final String field;

    private final transient Response response;

    /**
     * An error with a problem body.
     *
     * @param status the HTTP status, 400-599
     * @param detail what went wrong, in words the client can act on; it is sent as the problem's {@code detail}
     */
    public HttpError(int status, String detail) {
        this(status, detail, null, null);
    }

    private HttpError(int status, String detail, String field, Response response) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400-599, not " + status);
        }
        this.status = status;
        this.field = field;
        this.response = response;
    }

    /**
     * 400 naming the offending request field, e.g. {@code badField("tail", "must be a positive number")}: the detail
     * is {@code tail: must be a positive number}, and the problem's {@code errors} name the field.
     *
     * @param field the field's JSON path or parameter name
     * @param message what is wrong with it
     * @return the error, to throw
     */
    public static HttpError badField(String field, String message) {
        return new HttpError(400, field + ": " + message, field, null);
    }

    /**
     * 404.
     *
     * @param detail what was not found
     * @return the error, to throw
     */
    public static HttpError notFound(String detail) {
        return new HttpError(404, detail);
    }

    /**
     * 403.
     *
     * @param detail what the caller lacks, e.g. the level on a host this needs
     * @return the error, to throw
     */
    public static HttpError forbidden(String detail) {
        return new HttpError(403, detail);
    }

    /**
     * 409.
     *
     * @param detail what the request conflicts with
     * @return the error, to throw
     */
    public static HttpError conflict(String detail) {
        return new HttpError(409, detail);
    }

    /**
     * Answers with exactly this response, for error bodies a spec fixes.
     *
     * @param response an error response, status 400-599
     * @return the error, to throw
     */
    public static HttpError withResponse(Response response) {
        return new HttpError(response.status(), "error " + response.status(), null, response);
    }

    /** {@return the HTTP status} */
    public int status() {
        return status;
    }

    /** {@return the request field at fault, if one is} */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** {@return the exact response to send, if the thrower fixed one} */
    public Optional<Response> response() {
        return Optional.ofNullable(response);
    }
}
