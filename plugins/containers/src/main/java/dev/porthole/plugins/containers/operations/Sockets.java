package dev.porthole.plugins.containers.operations;

import dev.porthole.api.http.WebSocketSession;
import dev.porthole.plugins.containers.gate.Requester;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open sockets of {@code /api/v1/ws}, with who opened each, so a notification reaches a user's every device. */
public final class Sockets {
    private record Open(WebSocketSession session, Requester requester) {}

    private final Map<String, Open> open = new ConcurrentHashMap<>();

    public void add(WebSocketSession session, Requester requester) {
        open.put(session.id(), new Open(session, requester));
    }

    public void remove(WebSocketSession session) {
        open.remove(session.id());
    }

    /** Sends {@code message} to every socket of the user {@code userId} and of every admin. */
    public void sendToUserAndAdmins(long userId, Object message) {
        open.values().stream()
                .filter(o -> o.requester().isAdmin() || o.requester().userId() == userId)
                .forEach(o -> o.session().sendJson(message));
    }
}
