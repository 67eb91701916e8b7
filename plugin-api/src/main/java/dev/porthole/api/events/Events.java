package dev.porthole.api.events;

import dev.porthole.api.Api;

/**
 * Publishes events to clients of the host's events hub ({@code /api/events}, WebSocket, and
 * {@code /api/events/stream}, SSE). A plugin publishes without knowing who listens; topics are namespaced by plugin:
 * {@code publish("ticks", ...)} from plugin {@code hello} reaches subscribers of {@code hello/ticks}.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface Events {
    /**
     * Sends {@code payload} (written as JSON) to the topic's subscribers in {@code audience}. Never blocks; a
     * subscriber too slow to keep up loses events rather than slowing the publisher.
     *
     * @param topic letters, digits, {@code -}, {@code _} and {@code .}, at most 64
     * @param payload a tree of JDK types or a record, written as JSON
     * @param audience who among the subscribers receives it
     */
    void publish(String topic, Object payload, Audience audience);
}
