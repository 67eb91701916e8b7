package dev.porthole.plugins.stats.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** The calls the tests make, as one user with their token. */
final class StatsApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Porthole porthole;
    private final String token;

    StatsApi(Porthole porthole, String token) {
        this.porthole = porthole;
        this.token = token;
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A host with metrics enabled; returns its id. */
    long createHost(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("name", "h-" + UUID.randomUUID().toString().substring(0, 8));
        body.putIfAbsent("enableStats", true);
        Reply reply = post("/api/hosts", body);
        if (reply.status() != 201) {
            throw new AssertionError("creating a host: " + reply);
        }
        return ((Number) reply.jsonObject().get("id")).longValue();
    }

    Reply post(String path, Object body) {
        return porthole.post(path, json(body), token);
    }

    Reply postRaw(String path, String body) {
        return porthole.post(path, body, token);
    }

    Reply get(String path) {
        return porthole.get(path, token);
    }

    Reply put(String path, Object body) {
        return porthole.put(path, json(body), token);
    }

    Reply delete(String path) {
        return porthole.delete(path, token);
    }

    /** Asks {@code path} until the answer fits; fails with the last answer after {@code timeout}. */
    Reply await(String path, Predicate<Reply> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " did not answer as expected in " + timeout + "; last: " + last);
    }

    /** The host's status once it has one. */
    Map<String, Object> awaitStatus(long hostId, Duration timeout) throws InterruptedException {
        return await("/status/" + hostId, r -> r.status() == 200, timeout).jsonObject();
    }

    /** The host's metrics once a snapshot newer than {@code after} (an ISO time, or null) exists. */
    Map<String, Object> awaitMetrics(long hostId, String after, Duration timeout) throws InterruptedException {
        return await(
                        "/metrics/" + hostId,
                        r -> r.status() == 200
                                && (after == null || ((String) r.jsonObject().get("lastChecked")).compareTo(after) > 0),
                        timeout)
                .jsonObject();
    }

    String registerViewer(long hostId) {
        Reply reply = post("/metrics/register-viewer", Map.of("hostId", hostId));
        if (reply.status() != 200 || !(reply.jsonObject().get("viewerSessionId") instanceof String id)) {
            throw new AssertionError("registering a viewer of host " + hostId + ": " + reply);
        }
        return id;
    }
}
