package dev.porthole.plugins.dockerssh.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.Caller;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.ssh.Challenge;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.plugins.dockerssh.testing.Unused;
import dev.porthole.test.MutableClock;
import dev.porthole.test.TestCaller;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ownership, idle cleanup and challenge expiry, on a clock the test moves. */
class SessionRegistryTest {
    private static final Caller OWNER = TestCaller.user(1);
    private static final Caller STRANGER = TestCaller.user(2);

    private final MutableClock clock = new MutableClock();
    private final SessionRegistry sessions = new SessionRegistry(clock, Duration.ofMinutes(60));

    @AfterEach
    void close() {
        sessions.close();
    }

    @Test
    void a_session_idle_for_an_hour_is_swept_and_each_use_restarts_the_hour() {
        sessions.open("s1", OWNER, Fakes.target(7));

        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.connected("s1", OWNER)).isPresent();
        clock.advance(Duration.ofMinutes(59));
        sessions.sweep();
        assertThat(sessions.session("s1", OWNER)).isPresent();

        clock.advance(Duration.ofMinutes(1));
        sessions.sweep();
        assertThat(sessions.session("s1", OWNER)).isEmpty();
        assertThat(sessions.connected("s1", OWNER)).isEmpty();
    }

    @Test
    void another_users_session_id_is_403_everywhere_and_stays_connected() {
        sessions.open("s1", OWNER, Fakes.target(7));

        for (Runnable call : List.<Runnable>of(
                () -> sessions.connected("s1", STRANGER),
                () -> sessions.session("s1", STRANGER),
                () -> sessions.disconnect("s1", STRANGER),
                () -> sessions.open("s1", STRANGER, Fakes.target(8)))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status())
                    .isEqualTo(403));
        }
        assertThat(sessions.connected("s1", OWNER)).isPresent();
        assertThat(sessions.disconnect("s1", OWNER)).isTrue();
        assertThat(sessions.disconnect("s1", OWNER)).isFalse();
    }

    @Test
    void a_pending_login_is_swept_once_its_challenge_expired() {
        sessions.await("s1", OWNER, login(Duration.ofMinutes(3)));

        clock.advance(Duration.ofSeconds(179));
        sessions.sweep();
        assertThat(sessions.pending("s1", OWNER)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        sessions.sweep();
        assertThat(sessions.pending("s1", OWNER)).isEmpty();
    }

    @Test
    void a_code_for_an_expired_login_not_yet_swept_is_408_and_for_none_404() {
        SessionRoutes routes =
                new SessionRoutes(sessions, Unused.service(Hosts.class), Unused.service(SshConnections.class));
        Map<String, Object> body = Map.of("sessionId", "s1", "totpCode", "123456");
        assertStatus(() -> routes.connectTotp(Fakes.json(body, OWNER)), 404);

        sessions.await("s1", OWNER, login(Duration.ofMinutes(3)));
        assertStatus(() -> routes.connectTotp(Fakes.json(body, STRANGER)), 403);
        clock.advance(Duration.ofMinutes(3));
        assertStatus(() -> routes.connectTotp(Fakes.json(body, OWNER)), 408);
        assertStatus(() -> routes.connectTotp(Fakes.json(body, OWNER)), 404);
        assertStatus(() -> routes.connectTotp(Fakes.json(Map.of("sessionId", "s1"), OWNER)), 400);
    }

    private PendingLogin login(Duration validFor) {
        Challenge challenge = new Challenge(
                "c1",
                Challenge.Kind.TOTP,
                7,
                List.of(new Challenge.Prompt("Verification code: ", false)),
                "",
                Optional.empty(),
                Optional.empty(),
                clock.instant().plus(validFor));
        return new PendingLogin(OWNER.userId(), Fakes.target(7), challenge);
    }

    private static void assertStatus(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status())
                .isEqualTo(status));
    }
}
