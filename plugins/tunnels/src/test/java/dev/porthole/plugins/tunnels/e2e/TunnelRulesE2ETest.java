package dev.porthole.plugins.tunnels.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.EventStream;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.ServerSentEvent;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What spec 001 and the inventory decide against what a request says: names, bodies that disagree with the inventory,
 * other users' hosts, refused logins and host keys, taken ports, Termix's own connect body.
 */
@WithPorthole
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TunnelRulesE2ETest {
    static final Duration UP = Duration.ofSeconds(20);

    private final SshTestenv env = SshTestenv.require();
    private Porthole porthole;
    private EchoServer echo;
    private TunnelsApi owner;
    private TunnelsApi stranger;

    @BeforeAll
    void start(Porthole porthole) throws Exception {
        this.porthole = porthole;
        this.echo = new EchoServer();
        this.owner = new TunnelsApi(porthole, porthole.createUser("tunnel-owner", "password-owner-1", "USER"));
        this.stranger = new TunnelsApi(porthole, porthole.createUser("tunnel-stranger", "password-stranger-1", "USER"));
    }

    @AfterAll
    void stopEcho() throws Exception {
        echo.close();
    }

    private Map<String, Object> local(int sourcePort, int maxRetries) {
        Map<String, Object> tunnel = new HashMap<>();
        tunnel.put("mode", "local");
        tunnel.put("sourcePort", sourcePort);
        tunnel.put("endpointHost", "127.0.0.1");
        tunnel.put("endpointPort", echo.port());
        tunnel.put("maxRetries", maxRetries);
        tunnel.put("retryInterval", 500);
        return tunnel;
    }

    @Test
    void termix_s_connect_body_is_accepted_and_its_credentials_are_never_used() throws Exception {
        int port = Traffic.freePort();
        long host = owner.createHost(env.keyHost("key"), List.of(local(port, 0)));
        Map<String, Object> stored = owner.host(host);
        String name = owner.tunnelName(host, 0);
        // the body TunnelTab.tsx builds, field by field, with made-up credentials that must play no part
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("scope", "s2s");
        body.put("mode", "local");
        body.put("tunnelType", "local");
        body.put("bindHost", "127.0.0.1");
        body.put("sourceHostId", host);
        body.put("tunnelIndex", 0);
        body.put("hostName", stored.get("name"));
        body.put("sourceIP", stored.get("address"));
        body.put("sourceSSHPort", stored.get("port"));
        body.put("sourceUsername", stored.get("username"));
        body.put("sourcePassword", "not-the-password");
        body.put("sourceAuthMethod", "password");
        body.put("sourceSSHKey", null);
        body.put("sourceKeyPassword", null);
        body.put("sourceKeyType", null);
        body.put("sourceCredentialId", null);
        body.put("endpointHost", "127.0.0.1");
        body.put("endpointIP", stored.get("address"));
        body.put("endpointSSHPort", stored.get("port"));
        body.put("endpointUsername", stored.get("username"));
        body.put("endpointPassword", "not-a-password-either");
        body.put("endpointAuthMethod", "password");
        body.put("endpointSSHKey", null);
        body.put("endpointKeyPassword", null);
        body.put("endpointKeyType", null);
        body.put("endpointCredentialId", null);
        body.put("sourcePort", port);
        body.put("endpointPort", echo.port());
        body.put("maxRetries", 3);
        body.put("retryInterval", 10000);
        body.put("autoStart", false);
        body.put("isPinned", false);
        body.put("useSocks5", false);

        Reply reply = owner.post("/ssh/tunnel/connect", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        owner.awaitState(name, "connected", UP);
        Traffic.echoesThrough("127.0.0.1", port, 64 * 1024);
        owner.disconnect(name);
        owner.awaitState(name, "disconnected", UP);
    }

    @Test
    void a_name_or_a_body_that_disagrees_with_the_inventory_is_refused() throws Exception {
        int port = Traffic.freePort();
        long host = owner.createHost(env.keyHost("key"), List.of(local(port, 0)));
        String name = owner.tunnelName(host, 0);
        String wrongPort = name.replace("::" + port + "::", "::" + (port + 1) + "::");

        Reply mismatch = owner.connect(wrongPort);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat((String) mismatch.jsonObject().get("error"))
                .startsWith("Tunnel configuration does not match tunnel name");
        Reply noName = owner.post("/ssh/tunnel/connect", Map.of("sourceHostId", host));
        assertThat(noName.status()).isEqualTo(400);
        Reply otherAddress = owner.post("/ssh/tunnel/connect", Map.of("name", name, "sourceIP", "192.0.2.99"));
        assertThat(otherAddress.status()).isEqualTo(400);
        assertThat(otherAddress.jsonObject()).containsEntry("field", "sourceIP");
        Reply otherUser = owner.post("/ssh/tunnel/connect", Map.of("name", name, "sourceUsername", "root"));
        assertThat(otherUser.jsonObject()).containsEntry("field", "sourceUsername");
        Reply noSuchTunnel = owner.connect(host + "::5::x::1::y::2");
        assertThat(noSuchTunnel.status()).isEqualTo(400);
        assertThat(noSuchTunnel.jsonObject()).containsEntry("field", "tunnelIndex");
        Reply publicBind = owner.post("/ssh/tunnel/connect", Map.of("name", name, "bindHost", "0.0.0.0"));
        assertThat(publicBind.status()).isEqualTo(400);
        assertThat(publicBind.jsonObject()).containsEntry("field", "bindHost");
        assertThat(owner.post("/ssh/tunnel/disconnect", Map.of()).jsonObject())
                .containsEntry("error", "Tunnel name required");
        assertThat(owner.status(name).status()).as("nothing was started").isEqualTo(404);
    }

    @Test
    void another_user_s_tunnel_is_refused_and_invisible() throws Exception {
        int port = Traffic.freePort();
        long host = owner.createHost(env.keyHost("key"), List.of(local(port, 0)));
        String name = owner.tunnelName(host, 0);

        Reply foreign = stranger.connect(name);
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        try (EventStream watching = porthole.openEvents("/ssh/tunnel/status/stream", stranger.token())) {
            assertThat(watching.next(UP).data()).doesNotContain(name);
            assertThat(owner.connect(name).status()).isEqualTo(200);
            owner.awaitState(name, "connected", UP);
            nextWithin(watching, Duration.ofSeconds(2))
                    .ifPresent(event -> assertThat(event.data()).doesNotContain(name));
        }

        assertThat(stranger.status(name).status()).isEqualTo(404);
        assertThat(stranger.get("/ssh/tunnel/status").jsonObject()).doesNotContainKey(name);
        assertThat(owner.get("/ssh/tunnel/status").jsonObject()).containsKey(name);
        assertThat(stranger.disconnect(name).status()).isEqualTo(403);
        assertThat(stranger.cancel(name).status()).isEqualTo(403);
        assertThat(Traffic.listening(port))
                .as("the stranger's disconnect did nothing")
                .isTrue();
        owner.disconnect(name);
        owner.awaitState(name, "disconnected", UP);
    }

    /** The next event, or none when nothing came in time (EventStream says so with an AssertionError). */
    private static Optional<ServerSentEvent> nextWithin(EventStream events, Duration wait) {
        try {
            return Optional.of(events.next(wait));
        } catch (AssertionError nothing) {
            return Optional.empty();
        }
    }

    @Test
    void a_refused_login_fails_at_once_without_retries() throws Exception {
        Map<String, Object> fields = env.passwordHost("pass");
        fields.put("password", "certainly-wrong");
        long host = owner.createHost(fields, List.of(local(Traffic.freePort(), 5)));
        String name = owner.tunnelName(host, 0);

        assertThat(owner.connect(name).status()).isEqualTo(200);
        Map<String, Object> failed = owner.awaitState(name, "failed", UP);
        assertThat(failed).containsEntry("errorType", "AUTHENTICATION_FAILED").containsEntry("connected", false);
        assertThat(failed.get("retryCount")).isNull();
        Thread.sleep(1500);
        assertThat(owner.status(name).jsonObject().get("status"))
                .as("still failed, never retried")
                .isEqualTo(failed);
    }

    @Test
    void a_second_tunnel_on_a_taken_port_fails_with_the_reason_and_the_first_keeps_running() throws Exception {
        int port = Traffic.freePort();
        long first = owner.createHost(env.keyHost("key"), List.of(local(port, 3)));
        long second = owner.createHost(env.keyHost("key"), List.of(local(port, 3)));
        String firstName = owner.tunnelName(first, 0);
        String secondName = owner.tunnelName(second, 0);
        owner.connect(firstName);
        owner.awaitState(firstName, "connected", UP);

        owner.connect(secondName);
        Map<String, Object> failed = owner.awaitState(secondName, "failed", UP);
        assertThat(failed).containsEntry("errorType", "CONNECTION_FAILED");
        assertThat((String) failed.get("reason")).contains("cannot listen");
        assertThat(owner.status(firstName).jsonObject().get("status"))
                .extracting(s -> ((Map<?, ?>) s).get("status"))
                .isEqualTo("connected");
        Traffic.echoesThrough("127.0.0.1", port, 64 * 1024);
        owner.disconnect(firstName);
        owner.awaitState(firstName, "disconnected", UP);
    }

    @Test
    void a_changed_host_key_is_refused_and_the_tunnel_never_connects() throws Exception {
        // the bastion sshd has host keys of its own: trusting it and then pointing the host at the main sshd is a
        // changed key, as a man in the middle would show it
        Map<String, Object> fields = env.keyHost("key");
        fields.put("port", env.bastionPort());
        long host = owner.createHost(fields, List.of(local(Traffic.freePort(), 3)));
        assertThat(owner.post("/api/hosts/" + host + "/test", Map.of()).jsonObject())
                .containsEntry("success", true);
        Map<String, Object> moved = new HashMap<>(owner.host(host));
        moved.put("port", env.sshPort());
        Reply update = owner.put("/api/hosts/" + host, moved);
        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        String name = owner.tunnelName(host, 0);

        owner.connect(name);
        Map<String, Object> failed = owner.awaitState(name, "failed", UP);
        assertThat(failed).containsEntry("errorType", "AUTHENTICATION_FAILED");
        assertThat((String) failed.get("reason")).containsIgnoringCase("key");
    }

    @Test
    void an_auto_start_tunnel_comes_up_as_its_owner_when_the_plugin_starts() throws Exception {
        int port = Traffic.freePort();
        Map<String, Object> tunnel = local(port, 0);
        tunnel.put("autoStart", true);
        long host = owner.createHost(env.keyHost("key"), List.of(tunnel));
        String name = owner.tunnelName(host, 0);
        porthole.disable();
        porthole.enable();

        owner.awaitState(name, "connected", UP);
        Traffic.echoesThrough("127.0.0.1", port, 64 * 1024);
        assertThat(stranger.status(name).status()).isEqualTo(404);
        owner.disconnect(name);
        owner.awaitState(name, "disconnected", UP);
    }

    @Test
    void disabling_the_plugin_closes_its_tunnels_and_frees_their_ports() throws Exception {
        TunnelsApi admin = new TunnelsApi(porthole, porthole.adminToken());
        int port = Traffic.freePort();
        long host = admin.createHost(env.keyHost("key"), List.of(local(port, 0)));
        String name = admin.tunnelName(host, 0);
        admin.connect(name);
        admin.awaitState(name, "connected", UP);
        assertThat(Traffic.listening(port)).isTrue();

        porthole.disable();
        try {
            TunnelModesE2ETest.awaitReleased(port);
        } finally {
            porthole.enable();
        }
    }
}
