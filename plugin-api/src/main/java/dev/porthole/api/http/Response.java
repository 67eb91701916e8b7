package dev.porthole.api.http;

import dev.porthole.api.Api;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a route answers: a status, headers and a body. Immutable; {@link #header} returns a copy. A JSON body is a
 * tree of JDK types or records (see {@link dev.porthole.api.Json}) and is written by the host.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public final class Response {
    /** How the body is to be written. */
    @Api(since = "0.1.0", stability = Api.Stability.STABLE)
    public enum BodyKind {
        /** No body, as for 204. */
        NONE,
        /** A JSON tree, written by the host as {@code application/json}. */
        JSON,
        /** Bytes of a given content type, sent as they are. */
        BYTES
    }

    private final int status;
    private final Map<String, String> headers;
    private final BodyKind kind;
    private final Object body;
    private final String contentType;

    private Response(int status, Map<String, String> headers, BodyKind kind, Object body, String contentType) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is outside 100-599");
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.kind = kind;
        this.body = body;
        this.contentType = contentType;
    }

    /**
     * 200 with a JSON body.
     *
     * @param json a tree of JDK types or a record
     * @return the response
     */
    public static Response ok(Object json) {
        return json(200, json);
    }

    /**
     * {@code status} with a JSON body ({@code application/json}).
     *
     * @param status the HTTP status, 100-599
     * @param json a tree of JDK types or a record
     * @return the response
     */
    public static Response json(int status, Object json) {
        return new Response(status, Map.of(), BodyKind.JSON, json, "application/json");
    }

    /**
     * {@code status} with a plain-text body ({@code text/plain; charset=utf-8}).
     *
     * @param status the HTTP status, 100-599
     * @param text the body
     * @return the response
     */
    public static Response text(int status, String text) {
        return bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code status} with a body of any type.
     *
     * @param status the HTTP status, 100-599
     * @param contentType the body's media type, e.g. {@code image/png}
     * @param body the bytes, copied
     * @return the response
     */
    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(
                status, Map.of(), BodyKind.BYTES, body.clone(), Objects.requireNonNull(contentType, "contentType"));
    }

    /**
     * {@code status} without a body, e.g. 204.
     *
     * @param status the HTTP status, 100-599
     * @return the response
     */
    public static Response status(int status) {
        return new Response(status, Map.of(), BodyKind.NONE, null, null);
    }

    /**
     * A copy with the header set (replacing an earlier value of the same name).
     *
     * @param name the header's name
     * @param value its value
     * @return the new response; this one is unchanged
     */
    public Response header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new Response(status, copy, kind, body, contentType);
    }

    /** {@return the HTTP status} */
    public int status() {
        return status;
    }

    /** {@return the headers set with {@link #header}} */
    public Map<String, String> headers() {
        return headers;
    }

    /** {@return how the body is to be written} */
    public BodyKind bodyKind() {
        return kind;
    }

    /** {@return the JSON tree for {@link BodyKind#JSON}, a copy of the bytes for {@link BodyKind#BYTES}, null otherwise} */
    public Object body() {
        return body instanceof byte[] bytes ? bytes.clone() : body;
    }

    /** {@return the body's media type; null when there is no body} */
    public String contentType() {
        return contentType;
    }
}
