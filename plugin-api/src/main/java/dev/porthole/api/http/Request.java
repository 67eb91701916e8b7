package dev.porthole.api.http;

import dev.porthole.api.Api;
import dev.porthole.api.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request to a plugin route, SSE stream or WebSocket, with its body already read. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface Request {
    /** {@return the HTTP method; {@code GET} for an SSE stream or a WebSocket upgrade} */
    Method method();

    /** {@return the path, without the query string} */
    String path();

    /** {@return the values of the route's {@code {name}} segments, decoded, by name} */
    Map<String, String> pathParams();

    /**
     * A path parameter of the route; asking for one the route does not have is a programming error.
     *
     * @param name the name between the braces of the route's path
     * @return the decoded value
     * @throws IllegalArgumentException when the route has no such parameter
     */
    default String pathParam(String name) {
        String value = pathParams().get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path parameter '" + name + "'");
        }
        return value;
    }

    /** {@return every query parameter with all of its values, decoded} */
    Map<String, List<String>> queryParams();

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter's name
     * @return its first value, empty when it was not sent
     */
    default Optional<String> query(String name) {
        List<String> values = queryParams().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The first value of a header.
     *
     * @param name the header's name, in any case
     * @return its first value, empty when it was not sent
     */
    Optional<String> header(String name);

    /**
     * Every value of a header, one per line it was sent in, in the order received. A header that proxies add to, such
     * as {@code X-Forwarded-For}, must be read whole: a proxy may add its own line instead of appending to the
     * client's, and the first line alone would then be what the client wrote.
     *
     * @param name the header's name, in any case
     * @return its values, empty when it was not sent
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    List<String> headers(String name);

    /** {@return a copy of the body as sent; empty when there is none} */
    byte[] body();

    /** {@return the body as UTF-8 text} */
    String bodyText();

    /**
     * The body parsed as a JSON tree (see {@link dev.porthole.api.Json}); malformed JSON is answered with 400 before
     * the handler sees it again ({@code body: malformed JSON at line 1 column 7}), so handlers may call this without a
     * try.
     *
     * @return the tree: a {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} or null
     * @throws HttpError 400 for an empty or malformed body
     */
    Object bodyJson();

    /**
     * The JSON body bound to {@code type}, usually a record of the plugin's: {@code request.body(NewGreeting.class)}.
     * Fields are matched by record component name; unknown fields are ignored. A component may be another record, a
     * {@code List}, {@code Set} or {@code Map} (string keys) of supported values, an {@code Optional}, a string, a
     * number or boolean (primitive or boxed, {@code BigDecimal}, {@code BigInteger}), an enum (its name, in any case),
     * a {@code java.time} value or {@code UUID} (ISO-8601 strings, as the host writes them), or {@code Object} (the
     * JSON tree as it is). Every component is required except an {@code Optional}, which is empty when the field is
     * missing or {@code null}.
     *
     * <p>A body that does not fit is answered with 400 naming the field by its JSON path, before the handler sees it
     * again, so handlers may call this without a try: {@code items[2].port: must be a whole number}, {@code name: is
     * required}, {@code body: malformed JSON at line 1 column 7}. A compact constructor that rejects its values with an
     * {@link IllegalArgumentException} is a 400 with its message, and one that throws {@link HttpError} answers with
     * that error. A type outside this list is a programming error ({@link IllegalArgumentException}, a 500).
     *
     * <p>Binding uses reflection on {@code type} and caches nothing, so the host holds no reference to the plugin's
     * classes after the request.
     *
     * @param type the class to bind the body to
     * @param <T> the type of the result
     * @return the bound value
     * @throws HttpError 400 for a missing, malformed or unfitting body
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    default <T> T body(Class<T> type) {
        return JsonBinding.bind(bodyJson(), type);
    }

    /** {@return the signed-in caller; empty on anonymous routes when no credential was sent} */
    Optional<Caller> caller();

    /**
     * The caller, for routes whose access requires authentication.
     *
     * @return the signed-in caller
     * @throws HttpError 401 when nobody is signed in
     */
    default Caller requireCaller() {
        return caller().orElseThrow(() -> new HttpError(401, "sign in first"));
    }

    /** {@return the client's address as the server saw it} */
    String remoteAddress();
}
