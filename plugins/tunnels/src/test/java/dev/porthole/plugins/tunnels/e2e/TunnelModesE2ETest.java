package dev.porthole.plugins.tunnels.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each mode of spec 001 against the real OpenSSH sshd of the test environment, on one host and between two: data goes
 * both ways and comes back byte for byte, and the status says where the tunnel listens and what it carried.
 */
@WithPorthole
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TunnelModesE2ETest {
    static final Duration UP = Duration.ofSeconds(20);
    static final int MIB = 1024 * 1024;

    private final SshTestenv env = SshTestenv.require();
    private EchoServer echo;
    private TunnelsApi admin;

    @BeforeAll
    void start(Porthole porthole) throws Exception {
        this.echo = new EchoServer();
        this.admin = new TunnelsApi(porthole, porthole.adminToken());
    }

    @AfterAll
    void stopEcho() throws Exception {
        echo.close();
    }

    private static Map<String, Object> tunnel(String mode, int sourcePort, String endpointHost, Integer endpointPort) {
        Map<String, Object> tunnel = new HashMap<>();
        tunnel.put("mode", mode);
        tunnel.put("sourcePort", sourcePort);
        if (endpointHost != null) {
            tunnel.put("endpointHost", endpointHost);
        }
        if (endpointPort != null) {
            tunnel.put("endpointPort", endpointPort);
        }
        tunnel.put("maxRetries", 0);
        return tunnel;
    }

    @Test
    void a_local_tunnel_carries_data_both_ways_to_the_destination_seen_from_the_host() throws Exception {
        int port = Traffic.freePort();
        long host = admin.createHost(env.keyHost("key"), List.of(tunnel("local", port, "127.0.0.1", echo.port())));
        String name = admin.tunnelName(host, 0);

        Reply connect = admin.connect(name);
        assertThat(connect.status()).as(connect.toString()).isEqualTo(200);
        assertThat(connect.jsonObject())
                .containsEntry("message", "Connection request received")
                .containsEntry("tunnelName", name);
        Map<String, Object> up = admin.awaitState(name, "connected", UP);
        assertThat(up)
                .containsEntry("connected", true)
                .containsEntry("listening", "127.0.0.1:" + port + " on this server");

        Traffic.echoesThrough("127.0.0.1", port, 4 * MIB);
        Map<String, Object> counted = admin.awaitStatus(
                name, s -> ((Number) s.get("bytesIn")).longValue() >= 4L * MIB, Duration.ofSeconds(5));
        assertThat(((Number) counted.get("bytesOut")).longValue()).isEqualTo(4L * MIB);
        assertThat(((Number) counted.get("totalConnections")).longValue()).isEqualTo(1);

        try (java.net.Socket carried = new java.net.Socket("127.0.0.1", port)) {
            carried.setSoTimeout(5000);
            carried.getOutputStream().write(1);
            assertThat(carried.getInputStream().read()).isEqualTo(1);
            assertThat(admin.disconnect(name).status()).isEqualTo(200);
            assertThat(endOfStream(carried))
                    .as("a disconnect ends the connections it carried")
                    .isTrue();
        }
        Map<String, Object> down = admin.awaitState(name, "disconnected", UP);
        assertThat(down).containsEntry("manualDisconnect", true).containsEntry("connected", false);
        assertThat(Traffic.listening(port)).as("the port is released").isFalse();
    }

    @Test
    void a_remote_tunnel_listens_on_the_host_and_connects_from_this_server() throws Exception {
        int port = Traffic.freePort();
        long host = admin.createHost(env.keyHost("key"), List.of(tunnel("remote", port, "127.0.0.1", echo.port())));
        String name = admin.tunnelName(host, 0);

        assertThat(admin.connect(name).status()).isEqualTo(200);
        admin.awaitState(name, "connected", UP);
        // the test sshd runs on this machine: its loopback is ours
        Traffic.echoesThrough("127.0.0.1", port, 4 * MIB);

        admin.disconnect(name);
        admin.awaitState(name, "disconnected", UP);
    }

    @Test
    void a_dynamic_tunnel_is_a_socks5_proxy_leaving_from_the_host() throws Exception {
        int port = Traffic.freePort();
        long host = admin.createHost(env.keyHost("key"), List.of(tunnel("dynamic", port, null, null)));
        String name = admin.tunnelName(host, 0);
        assertThat(name).endsWith("::" + port + "::::");

        assertThat(admin.connect(name).status()).isEqualTo(200);
        admin.awaitState(name, "connected", UP);
        Traffic.echoesThroughSocks(port, echo.port(), 2 * MIB);

        admin.disconnect(name);
        admin.awaitState(name, "disconnected", UP);
    }

    @Test
    void between_two_hosts_the_source_listens_and_the_endpoint_connects_in_every_mode() throws Exception {
        Map<String, Object> endpointFields = env.keyHost("key");
        endpointFields.put("name", "endpoint-" + System.nanoTime());
        long endpoint = admin.createHost(endpointFields, List.of());
        String endpointName = (String) admin.host(endpoint).get("name");
        int local = Traffic.freePort();
        int remote = Traffic.freePort();
        int dynamic = Traffic.freePort();
        long source = admin.createHost(
                env.keyHost("key"),
                List.of(
                        tunnel("local", local, endpointName, echo.port()),
                        // remote: the endpoint listens on endpointPort and reaches the source's sourcePort
                        tunnel("remote", echo.port(), endpointName, remote),
                        tunnel("dynamic", dynamic, endpointName, null)));

        carriesEveryMode(source, local, remote, dynamic);
    }

    @Test
    void hosts_behind_the_bastion_or_a_socks5_proxy_carry_every_mode() throws Exception {
        Map<String, Object> bastionFields = env.keyHost("key");
        bastionFields.put("address", env.bastionHost());
        bastionFields.put("port", env.bastionPort());
        long bastion = admin.createHost(bastionFields, List.of());
        Map<String, Object> viaBastion = env.keyHost("key");
        viaBastion.put("jumpHostId", bastion);
        Map<String, Object> viaSocks = env.keyHost("key");
        viaSocks.put("proxies", List.of(Map.of("host", env.proxyHost("socks"), "port", env.proxyPort("socks"))));

        for (Map<String, Object> fields : List.of(viaBastion, viaSocks)) {
            int local = Traffic.freePort();
            int remote = Traffic.freePort();
            int dynamic = Traffic.freePort();
            long host = admin.createHost(
                    fields,
                    List.of(
                            tunnel("local", local, "127.0.0.1", echo.port()),
                            tunnel("remote", remote, "127.0.0.1", echo.port()),
                            tunnel("dynamic", dynamic, null, null)));
            carriesEveryMode(host, local, remote, dynamic);
        }
    }

    /**
     * Connects the host's three tunnels (local, remote, dynamic, in that order), moves 2 MiB through each listening
     * port to the echo server and back, disconnects them and waits for the ports to be released.
     */
    private void carriesEveryMode(long host, int local, int remote, int dynamic) throws Exception {
        for (int index = 0; index < 3; index++) {
            String name = admin.tunnelName(host, index);
            Reply connect = admin.connect(name);
            assertThat(connect.status()).as(connect.toString()).isEqualTo(200);
            admin.awaitState(name, "connected", UP);
        }
        Traffic.echoesThrough("127.0.0.1", local, 2 * MIB);
        Traffic.echoesThrough("127.0.0.1", remote, 2 * MIB);
        Traffic.echoesThroughSocks(dynamic, echo.port(), 2 * MIB);
        for (int index = 0; index < 3; index++) {
            admin.disconnect(admin.tunnelName(host, index));
        }
        for (int port : new int[] {local, remote, dynamic}) {
            awaitReleased(port);
        }
    }

    /** Whether the peer ended the connection (end of stream or reset) before the read timed out. */
    private static boolean endOfStream(java.net.Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    static void awaitReleased(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Traffic.listening(port) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Traffic.listening(port)).as("port " + port + " is released").isFalse();
    }
}
