package dev.porthole.platform.dispatch;

import dev.porthole.api.Caller;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.platform.auth.ApiCaller;
import dev.porthole.platform.json.JsonTrees;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request as a plugin handler sees it, read from the server's request. */
final class PluginRequest implements Request {
    private static final byte[] EMPTY = new byte[0];

    private final Method method;
    private final HttpRequest<?> request;
    private final Map<String, String> pathParams;
    private final byte[] body;
    private final Caller caller;
    private final JsonTrees json;
    private Map<String, List<String>> queryParams;

    PluginRequest(Method method, HttpRequest<?> request, Map<String, String> pathParams, byte[] body, JsonTrees json) {
        this.method = method;
        this.request = request;
        this.pathParams = Map.copyOf(pathParams);
        this.body = body == null ? EMPTY : body;
        this.json = json;
        this.caller = request.getUserPrincipal(Authentication.class)
                .map(a -> new ApiCaller(dev.porthole.platform.auth.Caller.of(a)))
                .orElse(null);
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public String path() {
        return request.getPath();
    }

    @Override
    public Map<String, String> pathParams() {
        return pathParams;
    }

    @Override
    public synchronized Map<String, List<String>> queryParams() {
        if (queryParams == null) {
            queryParams = Map.copyOf(request.getParameters().asMap());
        }
        return queryParams;
    }

    @Override
    public Optional<String> header(String name) {
        return request.getHeaders().findFirst(name);
    }

    @Override
    public List<String> headers(String name) {
        return List.copyOf(request.getHeaders().getAll(name));
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
        if (body.length == 0) {
            throw HttpError.badField("body", "a JSON body is required");
        }
        try {
            return json.read(body);
        } catch (IllegalArgumentException e) {
            throw HttpError.badField("body", e.getMessage());
        }
    }

    @Override
    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    @Override
    public String remoteAddress() {
        InetSocketAddress address = request.getRemoteAddress();
        return address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
    }
}
