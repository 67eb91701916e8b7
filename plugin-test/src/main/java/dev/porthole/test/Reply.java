package dev.porthole.test;

import dev.porthole.api.Api;
import dev.porthole.test.internal.JsonTree;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server's answer to one request.
 *
 * @param status the HTTP status
 * @param body the body as text (UTF-8); empty when there is none
 * @param headers the response headers (names are case-insensitive)
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record Reply(int status, String body, HttpHeaders headers) {
    /**
     * The body as a tree of JDK types: {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} or
     * {@code null}.
     *
     * @return the tree
     * @throws IllegalArgumentException when the body is not JSON
     */
    public Object json() {
        return JsonTree.parse(body);
    }

    /**
     * The body as a JSON object.
     *
     * @return the object, its members in document order
     * @throws IllegalArgumentException when the body is something else
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> jsonObject() {
        if (json() instanceof Map<?, ?> object) {
            return (Map<String, Object>) object;
        }
        throw new IllegalArgumentException("not a JSON object: " + this);
    }

    /**
     * The body as a JSON array.
     *
     * @return the array
     * @throws IllegalArgumentException when the body is something else
     */
    @SuppressWarnings("unchecked")
    public List<Object> jsonArray() {
        if (json() instanceof List<?> array) {
            return (List<Object>) array;
        }
        throw new IllegalArgumentException("not a JSON array: " + this);
    }

    /**
     * The first value of a header.
     *
     * @param name the header's name, in any case
     * @return its first value, empty when the server sent none
     */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** {@return status and body, for assertion messages} */
    @Override
    public String toString() {
        return "HTTP " + status + (body.isEmpty() ? "" : ": " + body);
    }
}
