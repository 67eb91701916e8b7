package dev.porthole.plugins.dockerssh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin's job closes idle sessions: the 60 minutes shortened to 2 s through the plugin's settings, as an operator
 * would set them, and the job run every second.
 */
@WithPorthole(
        properties = {
            "porthole.plugin-settings.docker-ssh.idle-timeout=2s",
            "porthole.plugin-settings.docker-ssh.sweep-interval=1s"
        })
class IdleCleanupE2ETest {

    @Test
    void a_session_nobody_uses_is_closed_and_keepalive_keeps_one_open(Porthole porthole) throws Exception {
        SshTestenv env = SshTestenv.require();
        Api api = new Api(porthole, porthole.createUser("idle-user", "password-idle-1", "USER"));
        long hostId = api.createHost(env.keyHost("key"));
        String idle = Api.newSessionId();
        String kept = Api.newSessionId();
        assertThat(api.connect(idle, hostId).status()).isEqualTo(200);
        assertThat(api.connect(kept, hostId).status()).isEqualTo(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < deadline) {
            Reply keepalive = api.post("/docker/ssh/keepalive", Map.of("sessionId", kept));
            assertThat(keepalive.status()).as(keepalive.toString()).isEqualTo(200);
            Thread.sleep(500);
        }

        porthole.awaitJobRuns("idle-sessions", 3, Duration.ofSeconds(10));
        assertThat(connected(api, idle)).isFalse();
        assertThat(connected(api, kept)).isTrue();
        Reply list = api.get("/docker/containers/" + idle);
        assertThat(list.status()).isEqualTo(400);
    }

    private static boolean connected(Api api, String sessionId) {
        return (Boolean) api.get("/docker/ssh/status?sessionId=" + sessionId)
                .jsonObject()
                .get("connected");
    }
}
