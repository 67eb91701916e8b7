package dev.porthole.plugins.dockerssh.routes;

import dev.porthole.api.Caller;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A request as the host hands it to a handler: decoded path and query parameters, and the signed-in caller. */
record FakeRequest(Method method, Map<String, String> pathParams, Map<String, String> query, Caller signedIn)
        implements Request {
    @Override
    public String path() {
        return "/docker/...";
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return query.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
    }

    @Override
    public byte[] body() {
        return new byte[0];
    }

    @Override
    public String bodyText() {
        return "";
    }

    @Override
    public Object bodyJson() {
        throw new UnsupportedOperationException("these routes read no body");
    }

    @Override
    public Optional<Caller> caller() {
        return Optional.ofNullable(signedIn);
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }
}
