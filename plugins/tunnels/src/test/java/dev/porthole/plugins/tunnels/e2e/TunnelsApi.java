package dev.porthole.plugins.tunnels.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** The calls the tests make, as one user with their token. */
final class TunnelsApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Porthole porthole;
    private final String token;

    TunnelsApi(Porthole porthole, String token) {
        this.porthole = porthole;
        this.token = token;
    }

    String token() {
        return token;
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A host on the test sshd with tunnels enabled and these tunnel definitions; returns its id. */
    long createHost(Map<String, Object> fields, List<Map<String, Object>> tunnels) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("name", "h-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("enableTunnels", true);
        body.put("tunnels", tunnels);
        Reply reply = post("/api/hosts", body);
        if (reply.status() != 201) {
            throw new AssertionError("creating a host: " + reply);
        }
        return ((Number) reply.jsonObject().get("id")).longValue();
    }

    Map<String, Object> host(long id) {
        return get("/api/hosts/" + id).jsonObject();
    }

    /** The tunnel's name as the inventory gives it: {@code id::index::name::sourcePort::endpointHost::endpointPort}. */
    String tunnelName(long hostId, int index) {
        Map<String, Object> host = host(hostId);
        @SuppressWarnings("unchecked")
        Map<String, Object> tunnel = ((List<Map<String, Object>>) host.get("tunnels")).get(index);
        return hostId + "::" + index + "::" + host.get("name") + "::" + tunnel.get("sourcePort") + "::"
                + (tunnel.get("endpointHost") == null ? "" : tunnel.get("endpointHost")) + "::"
                + (tunnel.get("endpointPort") == null ? "" : tunnel.get("endpointPort"));
    }

    Reply connect(String name) {
        return post("/ssh/tunnel/connect", Map.of("name", name));
    }

    Reply disconnect(String name) {
        return post("/ssh/tunnel/disconnect", Map.of("tunnelName", name));
    }

    Reply cancel(String name) {
        return post("/ssh/tunnel/cancel", Map.of("tunnelName", name));
    }

    Reply status(String name) {
        return get("/ssh/tunnel/status/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Polls the tunnel's status until {@code until} holds; fails with the last status after {@code timeout}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> awaitStatus(String name, Predicate<Map<String, Object>> until, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = status(name);
            if (last.status() == 200) {
                Map<String, Object> status =
                        (Map<String, Object>) last.jsonObject().get("status");
                if (until.test(status)) {
                    return status;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "tunnel " + name + " did not reach the expected status in " + timeout + "; last: " + last);
    }

    Map<String, Object> awaitState(String name, String state, Duration timeout) throws InterruptedException {
        return awaitStatus(name, s -> state.equals(s.get("status")), timeout);
    }

    Reply post(String path, Object body) {
        return porthole.post(path, json(body), token);
    }

    Reply get(String path) {
        return porthole.get(path, token);
    }

    Reply put(String path, Object body) {
        return porthole.put(path, json(body), token);
    }
}
