package dev.porthole.platform.events;

import dev.porthole.platform.json.JsonTrees;
import java.util.List;
import java.util.Map;

/** A message a WebSocket client sends: {@code {"type":"subscribe"|"unsubscribe","topics":[...]}}. */
record ClientMessage(Type type, List<String> topics) {
    enum Type {
        SUBSCRIBE,
        UNSUBSCRIBE
    }

    /**
     * Reads a text frame.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static ClientMessage parse(String text, JsonTrees json) {
        if (!(json.read(text) instanceof Map<?, ?> message)) {
            throw new IllegalArgumentException("a message is a JSON object with type and topics");
        }
        Type type;
        if ("subscribe".equals(message.get("type"))) {
            type = Type.SUBSCRIBE;
        } else if ("unsubscribe".equals(message.get("type"))) {
            type = Type.UNSUBSCRIBE;
        } else {
            throw new IllegalArgumentException("type must be subscribe or unsubscribe");
        }
        if (!(message.get("topics") instanceof List<?> topics)
                || topics.isEmpty()
                || !topics.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("topics must be a non-empty list of strings");
        }
        return new ClientMessage(type, topics.stream().map(String.class::cast).toList());
    }
}
