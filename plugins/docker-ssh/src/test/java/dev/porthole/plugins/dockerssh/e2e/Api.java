package dev.porthole.plugins.dockerssh.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The calls the tests make, as one user with their token. */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Porthole porthole;
    private final String token;

    Api(Porthole porthole, String token) {
        this.porthole = porthole;
        this.token = token;
    }

    static String json(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String newSessionId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Creates a host of the inventory pointing at the test sshd, Docker enabled unless {@code fields} say otherwise;
     * returns its id.
     */
    long createHost(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("name", "h-" + UUID.randomUUID());
        body.putIfAbsent("enableDocker", true);
        Reply reply = post("/api/hosts", body);
        if (reply.status() != 201) {
            throw new AssertionError("creating a host: " + reply);
        }
        return ((Number) reply.jsonObject().get("id")).longValue();
    }

    Reply connect(String sessionId, long hostId) {
        return post("/docker/ssh/connect", Map.of("sessionId", sessionId, "hostId", hostId));
    }

    Reply post(String path, Map<String, ?> body) {
        return porthole.post(path, json(body), token);
    }

    Reply get(String path) {
        return porthole.get(path, token);
    }

    Reply delete(String path) {
        return porthole.delete(path, token);
    }
}
