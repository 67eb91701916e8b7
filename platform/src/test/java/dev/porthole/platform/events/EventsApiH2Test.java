package dev.porthole.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.events.Audience;
import dev.porthole.platform.events.SseTestClient.SseEvent;
import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The events hub through its two doors, a WebSocket and an SSE stream, with real clients and real tokens. */
@MicronautTest(transactional = false)
class EventsApiH2Test extends PlatformTestBase {

    @Inject
    EventHub hub;

    EventsApiH2Test() {
        super(TestDatabase.H2);
    }

    @Override
    protected Map<String, String> extraProperties() {
        // short enough that a test sees one, as a proxy would
        return Map.of("porthole.events.heartbeat", "1s");
    }

    private String token(TestUser user) {
        return login(user.username(), user.password());
    }

    private String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    /** A WebSocket connected and subscribed to the topics, the subscription confirmed. */
    private WsTestClient subscribed(String token, String... topics) throws InterruptedException {
        WsTestClient client = WsTestClient.connect(server.getURI(), token, json);
        client.send(Map.of("type", "subscribe", "topics", List.of(topics)));
        assertThat(client.next()).isEqualTo(Map.of("type", "subscribed", "topics", List.of(topics)));
        return client;
    }

    private static Map<String, Object> event(String topic, Object data) {
        return Map.of("type", "event", "topic", topic, "data", data);
    }

    @Test
    void a_published_event_reaches_websocket_and_sse_subscribers() throws Exception {
        String token = token(newUser("USER"));
        try (WsTestClient ws = subscribed(token, "hello/ticks");
                SseTestClient sse = SseTestClient.open(server.getURI(), "topic=hello/ticks", token)) {
            assertThat(sse.next()).isEqualTo(new SseEvent("subscribed", "{\"topics\":[\"hello/ticks\"]}"));

            hub.publish("hello/ticks", Map.of("n", 1, "at", "now"), Audience.everyone());

            assertThat(ws.next()).isEqualTo(event("hello/ticks", Map.of("n", 1, "at", "now")));
            SseEvent received = sse.next();
            assertThat(received.name()).isEqualTo("hello/ticks");
            assertThat(json.readValue(received.data(), Map.class)).isEqualTo(Map.of("n", 1, "at", "now"));
        }
    }

    @Test
    void an_idle_stream_gets_heartbeat_comments() throws Exception {
        try (SseTestClient sse = SseTestClient.open(server.getURI(), "topic=quiet/topic", token(newUser("USER")))) {
            assertThat(sse.next().name()).isEqualTo("subscribed");
            assertThat(sse.nextComment()).isEqualTo("keep-alive");
            hub.publish("quiet/topic", "after a heartbeat", Audience.everyone());
            assertThat(sse.next()).isEqualTo(new SseEvent("quiet/topic", "\"after a heartbeat\""));
        }
    }

    @Test
    void an_event_for_one_user_reaches_only_that_user() throws Exception {
        TestUser alice = newUser("USER");
        TestUser bob = newUser("USER");
        try (WsTestClient aliceWs = subscribed(token(alice), "hello/mail");
                WsTestClient bobWs = subscribed(token(bob), "hello/mail")) {
            hub.publish("hello/mail", "for alice", Audience.user(alice.id()));
            hub.publish("hello/mail", "for all", Audience.everyone());

            assertThat(aliceWs.next()).isEqualTo(event("hello/mail", "for alice"));
            assertThat(aliceWs.next()).isEqualTo(event("hello/mail", "for all"));
            assertThat(bobWs.next()).as("bob's next message").isEqualTo(event("hello/mail", "for all"));
        }
    }

    @Test
    void an_event_for_admins_reaches_only_admins() throws Exception {
        TestUser otherAdmin = newUser("ADMIN");
        try (WsTestClient admin = subscribed(adminToken(), "hello/audit");
                WsTestClient another = subscribed(token(otherAdmin), "hello/audit");
                WsTestClient user = subscribed(token(newUser("USER")), "hello/audit")) {
            hub.publish("hello/audit", "admins", Audience.admins());
            hub.publish("hello/audit", "all", Audience.everyone());

            assertThat(admin.next()).isEqualTo(event("hello/audit", "admins"));
            assertThat(another.next()).isEqualTo(event("hello/audit", "admins"));
            assertThat(user.next()).isEqualTo(event("hello/audit", "all"));
        }
    }

    @Test
    void only_subscribed_topics_are_delivered_and_unsubscribe_stops_them() throws Exception {
        try (WsTestClient ws = subscribed(token(newUser("USER")), "hello/a", "hello/b")) {
            hub.publish("hello/other", 0, Audience.everyone());
            hub.publish("hello/a", 1, Audience.everyone());
            assertThat(ws.next()).isEqualTo(event("hello/a", 1));

            ws.send(Map.of("type", "unsubscribe", "topics", List.of("hello/a")));
            assertThat(ws.next()).isEqualTo(Map.of("type", "unsubscribed", "topics", List.of("hello/a")));
            hub.publish("hello/a", 2, Audience.everyone());
            hub.publish("hello/b", 3, Audience.everyone());
            assertThat(ws.next()).isEqualTo(event("hello/b", 3));
        }
    }

    @Test
    void a_malformed_message_gets_an_error_and_the_socket_keeps_working() throws Exception {
        try (WsTestClient ws = WsTestClient.connect(server.getURI(), token(newUser("USER")), json)) {
            ws.sendRaw("{not json");
            assertThat(ws.next())
                    .as("where, and nothing of the parser")
                    .isEqualTo(Map.of("type", "error", "message", "malformed JSON at line 1 column 2"));
            ws.send(Map.of("type", "listen", "topics", List.of("hello/ticks")));
            assertThat(ws.next())
                    .containsEntry("type", "error")
                    .extractingByKey("message")
                    .asString()
                    .contains("type");
            ws.send(Map.of("type", "subscribe", "topics", "hello/ticks"));
            assertThat(ws.next())
                    .containsEntry("type", "error")
                    .extractingByKey("message")
                    .asString()
                    .contains("topics");
            ws.send(Map.of("type", "subscribe", "topics", List.of("hello/ok", "No/Slash/Twice")));
            assertThat(ws.next())
                    .containsEntry("type", "error")
                    .extractingByKey("message")
                    .asString()
                    .contains("'No/Slash/Twice'");

            ws.send(Map.of("type", "subscribe", "topics", List.of("hello/ticks")));
            assertThat(ws.next()).isEqualTo(Map.of("type", "subscribed", "topics", List.of("hello/ticks")));
            hub.publish("hello/ok", "not subscribed: the bad request subscribed nothing", Audience.everyone());
            hub.publish("hello/ticks", "tick", Audience.everyone());
            assertThat(ws.next()).isEqualTo(event("hello/ticks", "tick"));
        }
    }

    @Test
    void a_connection_may_hold_at_most_100_topics() throws Exception {
        List<String> hundred =
                IntStream.range(0, 100).mapToObj(i -> "many/t" + i).toList();
        try (WsTestClient ws = subscribed(token(newUser("USER")), hundred.toArray(String[]::new))) {
            ws.send(Map.of("type", "subscribe", "topics", List.of("many/one-more")));
            assertThat(ws.next())
                    .containsEntry("type", "error")
                    .extractingByKey("message")
                    .asString()
                    .contains("at most 100 topics");
        }
    }

    @Test
    void unauthenticated_clients_are_refused_with_401() throws Exception {
        assertThat(WsTestClient.refusal(server.getURI(), null, json)).isEqualTo(401);
        assertThat(WsTestClient.refusal(server.getURI(), "not-a-token", json)).isEqualTo(401);
        assertThat(api().get("/api/events/stream?topic=hello/ticks", Auth.NONE).status())
                .isEqualTo(401);
    }

    @Test
    void a_token_without_read_events_is_refused_with_403() throws Exception {
        TestUser user = newUser("USER");
        Reply created =
                api().post("/api/tokens", Map.of("name", "hosts only", "scopes", List.of("read:hosts")), user.auth());
        String hostsOnly = (String) created.field("token");
        Reply createdReader =
                api().post("/api/tokens", Map.of("name", "events", "scopes", List.of("read:events")), user.auth());
        String reader = (String) createdReader.field("token");

        assertThat(api().get("/api/events/stream?topic=hello/ticks", Auth.bearer(hostsOnly))
                        .status())
                .isEqualTo(403);
        assertThat(WsTestClient.refusal(server.getURI(), hostsOnly, json)).isEqualTo(403);
        try (WsTestClient ws = subscribed(reader, "hello/ticks")) {
            hub.publish("hello/ticks", "for a token", Audience.user(user.id()));
            assertThat(ws.next()).isEqualTo(event("hello/ticks", "for a token"));
        }
    }

    @Test
    void the_stream_needs_well_formed_topics() {
        Auth auth = newUser("USER").auth();
        for (String query : List.of("", "topic=", "topic=hello", "topic=hello/ticks&topic=UPPER/case", "topic=a/b/c")) {
            Reply reply = api().get("/api/events/stream?" + query, auth);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(reply.problemFields()).as(query).containsExactly("topic");
        }
    }

    @Test
    void publishing_to_a_malformed_topic_is_refused() {
        for (String topic : List.of("ticks", "Hello/ticks", "hello/", "hello/a b", "hello/ticks/more")) {
            assertThatThrownBy(() -> hub.publish(topic, 1, Audience.everyone()))
                    .as(topic)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_stopped_plugin_closes_its_topics_and_nothing_else() throws Exception {
        String token = token(newUser("USER"));
        try (WsTestClient ws = subscribed(token, "closing/ticks", "closingsoon/ticks");
                SseTestClient sse = SseTestClient.open(server.getURI(), "topic=closing/ticks", token)) {
            assertThat(sse.next().name()).isEqualTo("subscribed");

            hub.completeTopicsOf("closing");

            assertThat(ws.next()).isEqualTo(Map.of("type", "closed", "topic", "closing/ticks"));
            assertThat(sse.next()).isEqualTo(new SseEvent("closed", "{\"topic\":\"closing/ticks\"}"));
            hub.publish("closing/ticks", "after stop", Audience.everyone());
            hub.publish("closingsoon/ticks", "still here", Audience.everyone());
            assertThat(ws.next()).isEqualTo(event("closingsoon/ticks", "still here"));
            assertThat(hub.subscriberCount("closing/ticks")).isZero();
        }
    }

    private static final int FLOOD = 10_000;
    // 40 MB in all: more than the socket buffers between server and client hold
    private static final String PADDING = "x".repeat(4096);

    private void flood(String topic) {
        for (int i = 0; i < FLOOD; i++) {
            hub.publish(topic, Map.of("seq", i, "padding", PADDING), Audience.everyone());
        }
    }

    /** Counts what a client reads after a flood: events in order up to the last one, and the drops reported. */
    private static final class FloodTally {
        long dropped;
        int delivered;
        int lastSeq = -1;

        void dropped(Number count) {
            dropped += count.longValue();
        }

        void event(Map<?, ?> data) {
            int seq = (Integer) data.get("seq");
            assertThat(seq).as("events arrive in order").isGreaterThan(lastSeq);
            lastSeq = seq;
            delivered++;
        }

        boolean sawLast() {
            return lastSeq == FLOOD - 1;
        }

        void assertLostOnlyWhatWasReported() {
            assertThat(dropped).as("dropped events").isPositive();
            assertThat(dropped + delivered)
                    .as("every event delivered or counted")
                    .isEqualTo(FLOOD);
        }
    }

    @Test
    void a_websocket_client_that_stops_reading_loses_its_oldest_events_and_is_told_how_many() throws Exception {
        try (WsTestClient ws = subscribed(token(newUser("USER")), "flood/ws")) {
            ws.pause();

            flood("flood/ws");

            ws.resume();
            FloodTally tally = new FloodTally();
            while (!tally.sawLast()) {
                Map<String, Object> message = ws.next();
                if ("dropped".equals(message.get("type"))) {
                    tally.dropped((Number) message.get("count"));
                } else {
                    tally.event((Map<?, ?>) message.get("data"));
                }
            }
            tally.assertLostOnlyWhatWasReported();
        }
    }

    @Test
    void an_sse_client_that_stops_reading_loses_its_oldest_events_and_is_told_how_many() throws Exception {
        try (SseTestClient sse = SseTestClient.open(server.getURI(), "topic=flood/sse", token(newUser("USER")))) {
            assertThat(sse.next().name()).isEqualTo("subscribed");
            sse.pause();

            flood("flood/sse");

            sse.resume();
            FloodTally tally = new FloodTally();
            while (!tally.sawLast()) {
                SseEvent event = sse.next();
                Map<?, ?> data = json.readValue(event.data(), Map.class);
                if ("dropped".equals(event.name())) {
                    tally.dropped((Number) data.get("count"));
                } else {
                    tally.event(data);
                }
            }
            tally.assertLostOnlyWhatWasReported();
        }
    }

    @Test
    void a_closed_connection_leaves_no_subscription_behind() throws Exception {
        String token = token(newUser("USER"));
        WsTestClient ws = subscribed(token, "gone/ws");
        SseTestClient sse = SseTestClient.open(server.getURI(), "topic=gone/sse", token);
        assertThat(sse.next().name()).isEqualTo("subscribed");
        assertThat(hub.subscriberCount("gone/ws")).isOne();
        assertThat(hub.subscriberCount("gone/sse")).isOne();

        ws.close();
        sse.close();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // the server learns of each hang-up asynchronously; the deadline only keeps a failure from hanging
        while (hub.subscriberCount("gone/ws") + hub.subscriberCount("gone/sse") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hub.subscriberCount("gone/ws")).isZero();
        assertThat(hub.subscriberCount("gone/sse")).isZero();
    }
}
