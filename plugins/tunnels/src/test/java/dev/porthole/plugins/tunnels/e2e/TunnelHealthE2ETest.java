package dev.porthole.plugins.tunnels.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.test.EventStream;
import dev.porthole.test.Porthole;
import dev.porthole.test.ServerSentEvent;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A tunnel whose SSH connection dies is noticed and retried, whether the server end is killed (the connection closes)
 * or frozen (it stays open and goes silent, which only the keepalive probe finds); the status stream shows it all.
 * Each test uses the test environment's password user alone, so that killing its sshd processes touches nothing else.
 */
@WithPorthole(properties = "porthole.plugin-settings.tunnels.keepalive=2s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TunnelHealthE2ETest {
    static final Duration UP = Duration.ofSeconds(20);
    static final int RETRY_INTERVAL_MS = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SshTestenv env = SshTestenv.require();
    private Porthole porthole;
    private EchoServer echo;
    private TunnelsApi admin;

    @BeforeAll
    void start(Porthole porthole) throws Exception {
        this.porthole = porthole;
        this.echo = new EchoServer();
        this.admin = new TunnelsApi(porthole, porthole.adminToken());
    }

    @AfterAll
    void stopEcho() throws Exception {
        echo.close();
        signalSessions("CONT");
    }

    private String connectedTunnel(int port) throws Exception {
        Map<String, Object> tunnel = new HashMap<>();
        tunnel.put("mode", "local");
        tunnel.put("sourcePort", port);
        tunnel.put("endpointHost", "127.0.0.1");
        tunnel.put("endpointPort", echo.port());
        tunnel.put("maxRetries", 5);
        tunnel.put("retryInterval", RETRY_INTERVAL_MS);
        long host = admin.createHost(env.passwordHost("pass"), List.of(tunnel));
        String name = admin.tunnelName(host, 0);
        admin.connect(name);
        admin.awaitState(name, "connected", UP);
        return name;
    }

    /** Signals the sshd processes serving the password user's sessions (not the listener). */
    private void signalSessions(String signal) throws IOException, InterruptedException {
        String user = env.userName("pass");
        Process pkill = new ProcessBuilder("pkill", "-" + signal, "-f", "^sshd-test: " + user)
                .inheritIO()
                .start();
        pkill.waitFor();
    }

    @Test
    void a_killed_connection_is_shown_broken_and_the_tunnel_reconnects_on_its_first_retry() throws Exception {
        int port = Traffic.freePort();
        String name = connectedTunnel(port);

        signalSessions("KILL");
        Map<String, Object> retrying =
                admin.awaitStatus(name, s -> !"connected".equals(s.get("status")), Duration.ofSeconds(5));
        assertThat(retrying).containsEntry("connected", false).containsEntry("errorType", "NETWORK_ERROR");
        // the first wait is the tunnel's retryInterval (1.5 s, jitter only shortens it), shown in whole seconds
        if (retrying.get("nextRetryIn") instanceof Number seconds) {
            assertThat(seconds.longValue()).isBetween(0L, 2L);
        }
        Map<String, Object> back = admin.awaitState(name, "connected", UP);
        assertThat(back).as("reconnected by the first retry").containsEntry("retryCount", 1);
        Traffic.echoesThrough("127.0.0.1", port, 256 * 1024);
        admin.disconnect(name);
        admin.awaitState(name, "disconnected", UP);
    }

    @Test
    void a_frozen_connection_is_found_by_the_keepalive_and_replaced() throws Exception {
        int port = Traffic.freePort();
        String name = connectedTunnel(port);

        signalSessions("STOP");
        try {
            // keepalive 2 s: probed at most 2 s after it froze, refused after 2 s more
            Map<String, Object> noticed =
                    admin.awaitStatus(name, s -> !"connected".equals(s.get("status")), Duration.ofSeconds(8));
            assertThat(noticed).containsEntry("connected", false);
            admin.awaitState(name, "connected", UP);
        } finally {
            signalSessions("CONT");
        }
        Traffic.echoesThrough("127.0.0.1", port, 256 * 1024);
        admin.disconnect(name);
    }

    @Test
    void the_status_stream_sends_the_snapshot_then_the_changes() throws Exception {
        int port = Traffic.freePort();
        try (EventStream events = porthole.openEvents("/ssh/tunnel/status/stream", porthole.adminToken())) {
            ServerSentEvent first = events.next(Duration.ofSeconds(5));
            assertThat(first.event()).contains("statuses");
            String name = connectedTunnel(port);
            ServerSentEvent connected = until(events, name, "connected");
            assertThat(connected.data()).contains("\"listening\"");
            admin.disconnect(name);
            assertThat(until(events, name, "disconnected").data()).contains("\"manualDisconnect\":true");
        }
    }

    private static ServerSentEvent until(EventStream events, String name, String state) throws IOException {
        long deadline = System.nanoTime() + UP.toNanos();
        while (System.nanoTime() < deadline) {
            ServerSentEvent event = events.next(UP);
            Map<?, ?> snapshot = JSON.readValue(event.data(), Map.class);
            if (snapshot.get(name) instanceof Map<?, ?> status && state.equals(status.get("status"))) {
                return event;
            }
        }
        throw new AssertionError("no statuses event with " + name + " " + state);
    }
}
