package dev.porthole.plugins.dockerssh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.DockerTestenv;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Removed after real use (an SSH session, the Docker API over dial-stdio through docker-java and HttpClient, a
 * disconnect), the plugin leaves nothing that keeps its class loader, and with it its bundled libraries, alive.
 */
@WithPorthole
@ExtendWith(DockerTestenv.class)
class UnloadE2ETest {

    @Test
    void the_plugin_is_collected_after_a_session_listed_containers(Porthole porthole) {
        SshTestenv env = SshTestenv.require();
        Api api = new Api(porthole, porthole.createUser("unload-user", "password-unload-1", "USER"));
        long hostId = api.createHost(env.keyHost("key"));
        String session = Api.newSessionId();
        assertThat(api.connect(session, hostId).status()).isEqualTo(200);
        Reply list = api.get("/docker/containers/" + session + "?all=true");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(api.post("/docker/ssh/disconnect", Map.of("sessionId", session))
                        .status())
                .isEqualTo(200);

        porthole.uninstallAndAwaitUnload(Duration.ofSeconds(30));
    }
}
