package dev.porthole.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.http.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stand-ins plugin tests build handlers' inputs from: callers, requests and a clock. */
class TestHelpersTest {

    @Test
    void a_login_session_holds_every_scope_and_a_token_only_its_own_with_write_granting_read() {
        TestCaller user = TestCaller.user(7);
        TestCaller token = user.withToken(3, "write:docker", "read:hosts");

        assertThat(user.hasScope("write:anything")).isTrue();
        assertThat(user.tokenId()).isEmpty();
        assertThat(user.isAdmin()).isFalse();
        assertThat(token.tokenId()).contains(3L);
        assertThat(token.userId()).isEqualTo(7);
        assertThat(token.hasScope("read:docker")).as("write grants read").isTrue();
        assertThat(token.hasScope("write:docker")).isTrue();
        assertThat(token.hasScope("read:hosts")).isTrue();
        assertThat(token.hasScope("write:hosts")).isFalse();
        assertThat(token.hasScope("read:tunnels")).isFalse();
        assertThat(TestCaller.admin(1).isAdmin()).isTrue();
    }

    @Test
    void a_request_carries_what_routing_decoded_and_every_with_makes_a_new_one() {
        TestRequest plain = TestRequest.get("/docker/containers");
        TestRequest request = plain.withPathParam("id", "abc")
                .withQuery("tail", "50")
                .withQuery("label", "a", "b")
                .withHeader("X-Trace", "t1")
                .as(TestCaller.user(7))
                .from("10.0.0.9");

        assertThat(request.method()).isEqualTo(Method.GET);
        assertThat(request.path()).isEqualTo("/docker/containers");
        assertThat(request.pathParam("id")).isEqualTo("abc");
        assertThat(request.query("tail")).contains("50");
        assertThat(request.queryParams()).containsEntry("label", List.of("a", "b"));
        assertThat(request.header("x-trace")).contains("t1");
        assertThat(request.requireCaller().userId()).isEqualTo(7);
        assertThat(request.remoteAddress()).isEqualTo("10.0.0.9");
        assertThat(plain.pathParams()).isEmpty();
        assertThat(plain.caller()).isEmpty();
        assertThatThrownBy(plain::requireCaller).hasMessage("sign in first");
        assertThatThrownBy(() -> plain.pathParam("id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_json_body_is_parsed_into_jdk_types_and_its_bytes_cannot_be_changed_from_outside() {
        byte[] sent = "{\"n\":1,\"list\":[true,null]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TestRequest request = TestRequest.post("/x").withBody(sent);
        sent[0] = '[';
        request.body()[1] = 'x';

        assertThat(request.bodyJson()).isEqualTo(Map.of("n", 1, "list", java.util.Arrays.asList(true, null)));
        assertThat(request.header("content-type")).isEqualTo(Optional.empty());
        assertThat(TestRequest.post("/x").withJson("{}").header("Content-Type")).contains("application/json");
    }

    @Test
    void a_tree_is_sent_as_json_and_read_back_as_the_same_tree() {
        Map<String, Object> tree = new java.util.LinkedHashMap<>();
        tree.put("sessionId", "s1");
        tree.put("hostId", 3);
        tree.put("big", 5_000_000_000L);
        tree.put("ratio", 0.5);
        tree.put("tags", List.of("a", "\"quoted\""));
        tree.put("none", null);

        TestRequest request = TestRequest.post("/docker/ssh").withJsonOf(tree);

        assertThat(request.bodyJson()).isEqualTo(tree);
        assertThat(request.bodyText()).startsWith("{\"sessionId\":\"s1\",\"hostId\":3,");
        assertThatThrownBy(() -> TestRequest.post("/x").withJsonOf(Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void the_clock_stands_still_until_moved() {
        MutableClock clock = new MutableClock();
        Instant start = clock.instant();

        assertThat(start).isEqualTo(MutableClock.START);
        assertThat(clock.instant()).isEqualTo(start);
        clock.advance(Duration.ofMinutes(31));
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(31 * 60));
        clock.set(Instant.parse("2030-05-01T12:00:00Z"));
        assertThat(clock.millis())
                .isEqualTo(Instant.parse("2030-05-01T12:00:00Z").toEpochMilli());
        assertThat(clock.withZone(java.time.ZoneId.of("Europe/Paris")).instant())
                .isEqualTo(clock.instant());
    }
}
