package dev.porthole.test;

import dev.porthole.api.Api;
import dev.porthole.api.Caller;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.test.internal.JsonTree;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for unit tests of a plugin's handlers, built without a server: what the host hands a handler after
 * routing (decoded path and query parameters, the body already read, the signed-in caller). Its {@link #bodyJson()}
 * and {@link #body(Class)} refuse an empty or malformed body with the host's own 400s. Each {@code with...} returns a
 * new request; a request never changes.
 *
 * <pre>{@code
 * Request request = TestRequest.post("/hello/greetings")
 *         .withJson("{\"text\": \"hi\"}")
 *         .as(TestCaller.user(7));
 * Response response = routes.create(request);
 * }</pre>
 *
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public final class TestRequest implements Request {
    private final Method method;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> queryParams;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Caller caller;
    private final String remoteAddress;

    private TestRequest(
            Method method,
            String path,
            Map<String, String> pathParams,
            Map<String, List<String>> queryParams,
            Map<String, String> headers,
            byte[] body,
            Caller caller,
            String remoteAddress) {
        this.method = method;
        this.path = path;
        this.pathParams = Map.copyOf(pathParams);
        this.queryParams = Map.copyOf(queryParams);
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.caller = caller;
        this.remoteAddress = remoteAddress;
    }

    /**
     * An anonymous request with no parameters, headers or body, from {@code 127.0.0.1}.
     *
     * @param method the HTTP method
     * @param path the path, without a query string
     * @return the request
     */
    public static TestRequest of(Method method, String path) {
        return new TestRequest(
                Objects.requireNonNull(method, "method"),
                Objects.requireNonNull(path, "path"),
                Map.of(),
                Map.of(),
                Map.of(),
                new byte[0],
                null,
                "127.0.0.1");
    }

    /**
     * {@code GET path}; see {@link #of}.
     *
     * @param path the path
     * @return the request
     */
    public static TestRequest get(String path) {
        return of(Method.GET, path);
    }

    /**
     * {@code POST path}; see {@link #of}.
     *
     * @param path the path
     * @return the request
     */
    public static TestRequest post(String path) {
        return of(Method.POST, path);
    }

    /**
     * {@code PUT path}; see {@link #of}.
     *
     * @param path the path
     * @return the request
     */
    public static TestRequest put(String path) {
        return of(Method.PUT, path);
    }

    /**
     * {@code DELETE path}; see {@link #of}.
     *
     * @param path the path
     * @return the request
     */
    public static TestRequest delete(String path) {
        return of(Method.DELETE, path);
    }

    /**
     * The same request with a path parameter, as routing would have decoded it from a {@code {name}} segment.
     *
     * @param name the name between the braces
     * @param value the decoded value
     * @return the new request
     */
    public TestRequest withPathParam(String name, String value) {
        Map<String, String> params = new LinkedHashMap<>(pathParams);
        params.put(name, value);
        return new TestRequest(method, path, params, queryParams, headers, body, caller, remoteAddress);
    }

    /**
     * The same request with a query parameter's values, replacing any it had.
     *
     * @param name the parameter's name
     * @param values its decoded values, in order
     * @return the new request
     */
    public TestRequest withQuery(String name, String... values) {
        Map<String, List<String>> params = new LinkedHashMap<>(queryParams);
        params.put(name, List.of(values));
        return new TestRequest(method, path, pathParams, params, headers, body, caller, remoteAddress);
    }

    /**
     * The same request with a header, replacing one of the same name in any case.
     *
     * @param name the header's name
     * @param value its value
     * @return the new request
     */
    public TestRequest withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name.toLowerCase(Locale.ROOT), value);
        return new TestRequest(method, path, pathParams, queryParams, all, body, caller, remoteAddress);
    }

    /**
     * The same request with {@code json} as its body and {@code Content-Type: application/json}; the text is not
     * checked, so that a test can send malformed JSON.
     *
     * @param json the body
     * @return the new request
     */
    public TestRequest withJson(String json) {
        return withBody(json.getBytes(StandardCharsets.UTF_8)).withHeader("Content-Type", "application/json");
    }

    /**
     * The same request with {@code tree} written as its JSON body, and {@code Content-Type: application/json}.
     *
     * @param tree maps (string keys), lists, strings, numbers, booleans and nulls, e.g. {@code Map.of("hostId", 3)}
     * @return the new request
     * @throws IllegalArgumentException when the tree holds something JSON has no value for
     */
    public TestRequest withJsonOf(Object tree) {
        return withJson(JsonTree.write(tree));
    }

    /**
     * The same request with a body, as sent.
     *
     * @param bytes the body; copied
     * @return the new request
     */
    public TestRequest withBody(byte[] bytes) {
        return new TestRequest(method, path, pathParams, queryParams, headers, bytes.clone(), caller, remoteAddress);
    }

    /**
     * The same request made by {@code signedIn}, e.g. a {@link TestCaller}.
     *
     * @param signedIn the caller
     * @return the new request
     */
    public TestRequest as(Caller signedIn) {
        return new TestRequest(
                method, path, pathParams, queryParams, headers, body, Objects.requireNonNull(signedIn), remoteAddress);
    }

    /**
     * The same request from another client address.
     *
     * @param address the address as the server would see it
     * @return the new request
     */
    public TestRequest from(String address) {
        return new TestRequest(method, path, pathParams, queryParams, headers, body, caller, address);
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Map<String, String> pathParams() {
        return pathParams;
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return queryParams;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The one value {@link #withHeader} set; a test request sends each header in one line. */
    @Override
    public List<String> headers(String name) {
        return header(name).map(List::of).orElse(List.of());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public Object bodyJson() {
        return JsonTree.parseBody(body);
    }

    @Override
    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    /** {@return the method and path, for assertion messages} */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
