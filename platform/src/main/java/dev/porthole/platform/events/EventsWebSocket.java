package dev.porthole.platform.events;

import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.auth.RequiresScope;
import dev.porthole.platform.json.JsonTrees;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import java.util.Map;

/**
 * {@code /api/events} over WebSocket: JSON text frames, {@code subscribe}/{@code unsubscribe} in, events and notices
 * out (see {@code docs/api/events.md}). The security filter authenticates the upgrade request like any other request
 * and refuses it, with a plain HTTP status, before the socket opens; the scope is checked there too, from the
 * {@link RequiresScope} of whichever of these methods the upgrade's route resolves to.
 */
@ServerWebSocket("/api/events")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class EventsWebSocket {
    private static final String SUBSCRIBER = "porthole.events.subscriber";

    private final EventHub hub;
    private final JsonTrees json;

    EventsWebSocket(EventHub hub, JsonTrees json) {
        this.hub = hub;
        this.json = json;
    }

    @OnOpen
    @RequiresScope("read:events")
    void onOpen(WebSocketSession session, HttpRequest<?> upgrade) {
        Authentication authentication = upgrade.getUserPrincipal(Authentication.class)
                .orElseThrow(() -> new IllegalStateException("the security filter let an anonymous upgrade through"));
        Subscriber subscriber = hub.connect(Caller.of(authentication));
        session.put(SUBSCRIBER, subscriber);
        // one frame in flight: the next leaves when the socket took the last, so a client that stops reading
        // fills its own queue in the hub and not the server's memory
        subscriber.open(message -> session.sendAsync(frame(message)).whenComplete((sent, error) -> {
            if (error == null) {
                subscriber.request(1);
            }
        }));
        subscriber.request(1);
    }

    @OnMessage
    @RequiresScope("read:events")
    void onMessage(String text, WebSocketSession session) {
        Subscriber subscriber = subscriber(session);
        try {
            ClientMessage message = ClientMessage.parse(text, json);
            switch (message.type()) {
                case SUBSCRIBE -> hub.subscribe(subscriber, message.topics());
                case UNSUBSCRIBE -> {
                    hub.unsubscribe(subscriber, message.topics());
                    reply(session, Map.of("type", "unsubscribed", "topics", message.topics()));
                }
            }
        } catch (IllegalArgumentException e) {
            reply(session, Map.of("type", "error", "message", e.getMessage()));
        }
    }

    @OnClose
    void onClose(WebSocketSession session) {
        hub.disconnect(subscriber(session));
    }

    private Subscriber subscriber(WebSocketSession session) {
        return session.get(SUBSCRIBER, Subscriber.class)
                .orElseThrow(() -> new IllegalStateException("no subscriber on session " + session.getId()));
    }

    /** Answers the client's own message directly: these frames are as many as the client sends, never dropped. */
    private void reply(WebSocketSession session, Map<String, Object> body) {
        session.sendAsync(json.write(body));
    }

    private String frame(Outgoing message) {
        if (message instanceof Outgoing.Event event) {
            return event.frame();
        }
        if (message instanceof Outgoing.Subscribed subscribed) {
            return json.write(Map.of("type", "subscribed", "topics", subscribed.topics()));
        }
        if (message instanceof Outgoing.Dropped dropped) {
            return json.write(Map.of("type", "dropped", "count", dropped.count()));
        }
        Outgoing.Closed closed = (Outgoing.Closed) message;
        return json.write(Map.of("type", "closed", "topic", closed.topic()));
    }
}
