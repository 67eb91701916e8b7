package dev.porthole.api.http;

import dev.porthole.api.Api;
import java.util.Optional;

/**
 * Thrown by a handler to answer with an error. By default the client gets an {@code application/problem+json} body
 * with the status and {@code detail}; where a spec fixes another error body, give it as {@code response}.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public class HttpError extends RuntimeException {
    private final int status;
    private final String field;
    private final transient Response response;

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

    /** 400 naming the offending request field, e.g. {@code badField("tail", "must be a positive number")}. */
    public static HttpError badField(String field, String message) {
        return new HttpError(400, field + ": " + message, field, null);
    }

    public static HttpError notFound(String detail) {
        return new HttpError(404, detail);
    }

    public static HttpError forbidden(String detail) {
        return new HttpError(403, detail);
    }

    public static HttpError conflict(String detail) {
        return new HttpError(409, detail);
    }

    /** Answers with exactly this response, for error bodies a spec fixes. */
    public static HttpError withResponse(Response response) {
        return new HttpError(response.status(), "error " + response.status(), null, response);
    }

    public int status() {
        return status;
    }

    /** The request field at fault, if one is. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The exact response to send, if the thrower fixed one. */
    public Optional<Response> response() {
        return Optional.ofNullable(response);
    }
}
