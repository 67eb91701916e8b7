package dev.porthole.plugins.containers.operations;

import dev.porthole.api.events.Audience;
import dev.porthole.api.events.Events;
import dev.porthole.plugins.containers.gate.Requester;
import java.util.Map;

/**
 * Tells the requester of an operation, and every admin, how it went: on every socket of theirs on {@code /api/v1/ws}
 * in spec 004's shape ({@code {"type": "container.start.completed", "data": {...}}}), and through the host's events hub
 * on the topic of the same name ({@code containers/container.start.completed}), so a client of the hub needs no
 * socket of this plugin. A local-network requester is no user: admins hear of its operations.
 */
public final class Notifier {
    private final Events events;
    private final Sockets sockets;

    public Notifier(Events events, Sockets sockets) {
        this.events = events;
        this.sockets = sockets;
    }

    public void notify(Requester requester, String type, Map<String, Object> data) {
        sockets.sendToUserAndAdmins(requester.userId(), Map.of("type", type, "data", data));
        events.publish(type, data, Audience.admins());
        if (!requester.isAdmin() && !requester.isLocalNetwork()) {
            events.publish(type, data, Audience.user(requester.userId()));
        }
    }
}
