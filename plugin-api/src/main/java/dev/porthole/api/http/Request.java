package dev.porthole.api.http;

import dev.porthole.api.Api;
import dev.porthole.api.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request to a plugin route, SSE stream or WebSocket, with its body already read. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface Request {
    Method method();

    /** The path, without the query string. */
    String path();

    /** The values of the route's {@code {name}} segments, decoded. */
    Map<String, String> pathParams();

    /** A path parameter of the route; asking for one the route does not have is a programming error. */
    default String pathParam(String name) {
        String value = pathParams().get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path parameter '" + name + "'");
        }
        return value;
    }

    /** Every query parameter with all of its values, decoded. */
    Map<String, List<String>> queryParams();

    /** The first value of a query parameter. */
    default Optional<String> query(String name) {
        List<String> values = queryParams().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a header, by case-insensitive name. */
    Optional<String> header(String name);

    /** The body as sent; empty when there is none. */
    byte[] body();

    /** The body as UTF-8 text. */
    String bodyText();

    /**
     * The body parsed as a JSON tree (see {@link dev.porthole.api.Json}); malformed JSON is answered with 400 before
     * the handler sees it again, so handlers may call this without a try.
     */
    Object bodyJson();

    /** The signed-in caller; empty on anonymous routes when no credential was sent. */
    Optional<Caller> caller();

    /** The caller, for routes whose access requires authentication. */
    default Caller requireCaller() {
        return caller().orElseThrow(() -> new HttpError(401, "sign in first"));
    }

    /** The client's address as the server saw it. */
    String remoteAddress();
}
