package dev.porthole.platform.events;

import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.auth.RequiresScope;
import dev.porthole.platform.config.EventsConfiguration;
import dev.porthole.platform.errors.ApiException;
import dev.porthole.platform.json.JsonTrees;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/events/stream?topic=a/b&topic=c/d}: the events hub as Server-Sent Events, for clients that only
 * listen. Nothing here blocks, so it runs on the event loop; the stream is fed from the publishers' threads.
 */
@Controller("/api/events")
@Secured(SecurityRule.IS_AUTHENTICATED)
class EventsController {
    private final EventHub hub;
    private final JsonTrees json;
    private final EventsConfiguration configuration;

    EventsController(EventHub hub, JsonTrees json, EventsConfiguration configuration) {
        this.hub = hub;
        this.json = json;
        this.configuration = configuration;
    }

    @Get(uri = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @RequiresScope("read:events")
    Flux<Event<String>> stream(@Nullable @QueryValue("topic") List<String> topic, Authentication authentication) {
        List<String> topics = checked(topic);
        Caller caller = Caller.of(authentication);
        Flux<Event<String>> events = Flux.create(sink -> {
            Subscriber subscriber = hub.connect(caller);
            sink.onDispose(() -> hub.disconnect(subscriber));
            hub.subscribe(subscriber, topics);
            subscriber.open(message -> sink.next(event(message)));
            // the response writer asks for more as the client reads; the subscriber's queue absorbs the rest
            sink.onRequest(subscriber::request);
        });
        Flux<Event<String>> heartbeats = Flux.interval(configuration.heartbeat())
                .onBackpressureDrop()
                .map(tick -> Event.of("").comment("keep-alive"));
        // prefetch 1: no second queue between the subscriber's and the connection
        return Flux.merge(1, events, heartbeats);
    }

    private List<String> checked(@Nullable List<String> topics) {
        if (topics == null || topics.isEmpty()) {
            throw ApiException.invalidField("topic", "at least one is required; " + Topics.RULE);
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String topic : topics) {
            if (!Topics.isValid(topic)) {
                throw ApiException.invalidField("topic", "'" + topic + "' is not a topic; " + Topics.RULE);
            }
            distinct.add(topic);
        }
        if (distinct.size() > configuration.maxTopicsPerConnection()) {
            throw ApiException.invalidField(
                    "topic", "at most " + configuration.maxTopicsPerConnection() + " topics per connection");
        }
        return List.copyOf(distinct);
    }

    private Event<String> event(Outgoing message) {
        if (message instanceof Outgoing.Event event) {
            return Event.of(event.data()).name(event.topic());
        }
        if (message instanceof Outgoing.Subscribed subscribed) {
            return Event.of(json.write(Map.of("topics", subscribed.topics()))).name("subscribed");
        }
        if (message instanceof Outgoing.Dropped dropped) {
            return Event.of(json.write(Map.of("count", dropped.count()))).name("dropped");
        }
        Outgoing.Closed closed = (Outgoing.Closed) message;
        return Event.of(json.write(Map.of("topic", closed.topic()))).name("closed");
    }
}
