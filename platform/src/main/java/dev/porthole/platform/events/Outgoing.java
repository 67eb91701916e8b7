package dev.porthole.platform.events;

import java.util.List;

/** What the hub sends one connection; each transport (WebSocket, SSE) writes it in its own framing. */
sealed interface Outgoing {

    /** The connection now receives these topics. */
    record Subscribed(List<String> topics) implements Outgoing {}

    /**
     * One published event. {@code data} is the payload as JSON, written once per publish and shared by every
     * connection; {@code frame} is the WebSocket message around it, also built once.
     */
    record Event(String topic, String data, String frame) implements Outgoing {
        static Event of(String topic, String data) {
            // a valid topic has no character that JSON would escape
            return new Event(topic, data, "{\"type\":\"event\",\"topic\":\"" + topic + "\",\"data\":" + data + "}");
        }
    }

    /** This many events were dropped, oldest first, because the connection did not keep up. */
    record Dropped(long count) implements Outgoing {}

    /** The topic's plugin stopped; the connection no longer receives it. */
    record Closed(String topic) implements Outgoing {}
}
