package dev.porthole.platform.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.auth.ApiCaller;
import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.support.ApiClient;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.users.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hosts pointing at the test server, and callers as plugins get them. */
final class SshTestSupport {
    private SshTestSupport() {}

    static long createHost(ApiClient api, ApiClient.Auth auth, String name, int port, String username, Object... more) {
        Map<String, Object> body = new HashMap<>(
                Map.of("name", name, "address", "127.0.0.1", "port", port, "username", username, "authType", "none"));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        ApiClient.Reply reply = api.post("/api/hosts", body, auth);
        assertThat(reply.status()).as("create host %s: %s", name, reply).isEqualTo(201);
        return reply.id();
    }

    /** A host for {@link TestSshServer}'s user alice, logging in with her password. */
    static long createPasswordHost(ApiClient api, ApiClient.Auth auth, String name, int port) {
        return createHost(api, auth, name, port, "alice", "authType", "password", "password", TestSshServer.PASSWORD);
    }

    static dev.porthole.api.Caller caller(PlatformTestBase.TestUser user) {
        return new ApiCaller(new Caller(user.id(), user.username(), Role.USER, null, List.of("*")));
    }
}
