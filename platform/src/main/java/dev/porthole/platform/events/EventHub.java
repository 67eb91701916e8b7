package dev.porthole.platform.events;

import dev.porthole.api.events.Audience;
import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.config.EventsConfiguration;
import dev.porthole.platform.json.JsonTrees;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes published events to the connections subscribed to their topic. Topics are {@code <pluginId>/<name>}; the
 * plugin runtime prefixes the plugin's id, so a plugin can publish only to its own topics.
 */
@Singleton
public final class EventHub {
    private final JsonTrees json;
    private final EventsConfiguration configuration;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

    EventHub(JsonTrees json, EventsConfiguration configuration) {
        this.json = json;
        this.configuration = configuration;
    }

    /**
     * Sends {@code payload}, written as JSON, to the topic's subscribers in {@code audience}. Never waits for a
     * client. The payload is written only when someone listens, so a payload JSON cannot represent fails only then.
     *
     * @param topic {@code <pluginId>/<name>}
     * @throws IllegalArgumentException when the topic is malformed or the payload cannot be written as JSON
     */
    public void publish(String topic, Object payload, Audience audience) {
        Objects.requireNonNull(audience, "audience");
        requireValid(topic);
        Set<Subscriber> listening = subscribers.get(topic);
        if (listening == null) {
            return;
        }
        Outgoing.Event event = null;
        for (Subscriber subscriber : listening) {
            if (reaches(audience, subscriber.caller())) {
                if (event == null) {
                    event = Outgoing.Event.of(topic, json.write(payload));
                }
                subscriber.offer(event);
            }
        }
    }

    /** Tells the subscribers of the plugin's topics that each topic closed, and forgets those subscriptions. */
    public void completeTopicsOf(String pluginId) {
        Objects.requireNonNull(pluginId, "pluginId");
        for (String topic : List.copyOf(subscribers.keySet())) {
            if (!Topics.belongsTo(topic, pluginId)) {
                continue;
            }
            Set<Subscriber> removed = subscribers.remove(topic);
            if (removed != null) {
                for (Subscriber subscriber : removed) {
                    subscriber.topics().remove(topic);
                    subscriber.offer(new Outgoing.Closed(topic));
                }
            }
        }
    }

    /** A new connection for this caller, subscribed to nothing yet. */
    Subscriber connect(Caller caller) {
        return new Subscriber(caller, configuration.queueSize());
    }

    /**
     * Adds topics to the connection's subscriptions, all or none, and confirms with {@code subscribed}: the connection
     * is subscribed by the time it reads it, and reads no event of these topics before it.
     *
     * @throws IllegalArgumentException naming the first malformed topic, or when the connection would exceed its
     *     topic limit
     */
    void subscribe(Subscriber subscriber, List<String> topics) {
        Set<String> wanted = new LinkedHashSet<>(topics);
        wanted.forEach(EventHub::requireValid);
        Set<String> after = new LinkedHashSet<>(subscriber.topics());
        after.addAll(wanted);
        if (after.size() > configuration.maxTopicsPerConnection()) {
            throw new IllegalArgumentException(
                    "at most " + configuration.maxTopicsPerConnection() + " topics per connection");
        }
        subscriber.offerAfter(
                () -> {
                    for (String topic : wanted) {
                        if (subscriber.topics().add(topic)) {
                            subscribers.compute(topic, (t, set) -> {
                                Set<Subscriber> listening = set != null ? set : ConcurrentHashMap.newKeySet();
                                listening.add(subscriber);
                                return listening;
                            });
                        }
                    }
                },
                new Outgoing.Subscribed(List.copyOf(wanted)));
    }

    /**
     * Removes topics from the connection's subscriptions; topics it did not hold are ignored.
     *
     * @throws IllegalArgumentException naming the first malformed topic
     */
    void unsubscribe(Subscriber subscriber, List<String> topics) {
        topics.forEach(EventHub::requireValid);
        for (String topic : topics) {
            if (subscriber.topics().remove(topic)) {
                subscribers.computeIfPresent(topic, (t, listening) -> {
                    listening.remove(subscriber);
                    return listening.isEmpty() ? null : listening;
                });
            }
        }
    }

    /** The connection is gone: drop all its subscriptions and whatever it had not read. */
    void disconnect(Subscriber subscriber) {
        unsubscribe(subscriber, new ArrayList<>(subscriber.topics()));
        subscriber.close();
    }

    /** How many connections listen to the topic, whoever they are; what tests and diagnostics look at. */
    int subscriberCount(String topic) {
        Set<Subscriber> listening = subscribers.get(topic);
        return listening == null ? 0 : listening.size();
    }

    private static boolean reaches(Audience audience, Caller caller) {
        if (audience.adminsOnly()) {
            return caller.isAdmin();
        }
        return audience.userId().map(id -> id == caller.userId()).orElse(true);
    }

    private static void requireValid(String topic) {
        if (!Topics.isValid(topic)) {
            throw new IllegalArgumentException("not a topic: '" + topic + "'; " + Topics.RULE);
        }
    }
}
