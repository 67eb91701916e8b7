package dev.porthole.plugins.tunnels.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.Porthole;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client-to-server relay WebSocket against the test environment's real sshd: Termix's desktop client's messages,
 * bytes checked both ways, the errors it shows, back-pressure from a client that stops reading, and many relays on one
 * SSH login.
 */
@WithPorthole
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientRelayE2ETest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int FRAME = 32 * 1024;

    private final SshTestenv env = SshTestenv.require();
    private Porthole porthole;
    private EchoServer echo;
    private TunnelsApi admin;
    private long host;

    @BeforeAll
    void start(Porthole porthole) throws Exception {
        this.porthole = porthole;
        this.echo = new EchoServer();
        this.admin = new TunnelsApi(porthole, porthole.adminToken());
        this.host = admin.createHost(env.keyHost("key"), List.of());
    }

    @AfterAll
    void stop() throws IOException {
        echo.close();
    }

    private static Map<String, Object> open(String type, long hostId, String mode, Object targetHost, Object port) {
        Map<String, Object> tunnel = new HashMap<>();
        tunnel.put("name", "c2s::0::" + hostId + "::" + mode);
        tunnel.put("sourceHostId", hostId);
        tunnel.put("mode", mode);
        tunnel.put("sourcePort", 0);
        tunnel.put("endpointPort", port);
        Map<String, Object> message = new HashMap<>();
        message.put("type", type);
        message.put("tunnelConfig", tunnel);
        if (targetHost != null) {
            message.put("targetHost", targetHost);
            message.put("targetPort", port);
        }
        return message;
    }

    private RelaySocket ready(Map<String, Object> message) throws Exception {
        RelaySocket socket = RelaySocket.open(porthole, porthole.adminToken());
        socket.send(message);
        Map<String, Object> reply = socket.nextMessage(WAIT);
        assertThat(reply).as("first reply").containsEntry("type", "ready");
        return socket;
    }

    /** Sends {@code data} in frames, each once the last has gone, while the echoes come back. */
    private static void sendAll(RelaySocket socket, byte[] data) throws Exception {
        for (int offset = 0; offset < data.length; offset += FRAME) {
            socket.sendBinary(Arrays.copyOfRange(data, offset, Math.min(data.length, offset + FRAME)))
                    .get(20, TimeUnit.SECONDS);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void a_local_relay_carries_bytes_both_ways_unchanged() throws Exception {
        byte[] data = random(4 * 1024 * 1024, 1);
        try (RelaySocket socket = ready(open("open", host, "local", "127.0.0.1", echo.port()))) {
            sendAll(socket, data);
            assertThat(socket.awaitBytes(data.length, WAIT)).isEqualTo(data);
        }
    }

    @Test
    void a_dynamic_relay_connects_where_the_message_says() throws Exception {
        byte[] data = random(1024 * 1024, 2);
        Map<String, Object> message = open("open", host, "dynamic", "localhost", echo.port());
        ((Map<String, Object>) message.get("tunnelConfig")).remove("endpointPort");
        try (RelaySocket socket = ready(message)) {
            sendAll(socket, data);
            assertThat(socket.awaitBytes(data.length, WAIT)).isEqualTo(data);
        }
    }

    @Test
    void the_relay_closes_when_the_destination_closes() throws Exception {
        try (ServerSocket hangsUp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket client = hangsUp.accept();
                        OutputStream out = client.getOutputStream()) {
                    out.write("bye".getBytes());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (RelaySocket socket = ready(open("open", host, "local", "127.0.0.1", hangsUp.getLocalPort()))) {
                assertThat(new String(socket.awaitBytes(3, WAIT))).isEqualTo("bye");
                assertThat(socket.awaitClose(WAIT)).isEqualTo(1000);
            }
            served.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_test_message_answers_ready_for_a_reachable_target_and_closes() throws Exception {
        for (String mode : List.of("local", "remote", "dynamic")) {
            Map<String, Object> message = open("test", host, mode, "local".equals(mode) ? "127.0.0.1" : null, null);
            Map<String, Object> tunnel = (Map<String, Object>) message.get("tunnelConfig");
            tunnel.put("endpointPort", echo.port());
            tunnel.put("sourcePort", "remote".equals(mode) ? Traffic.freePort() : 0);
            message.put("targetPort", echo.port());
            try (RelaySocket socket = ready(message)) {
                assertThat(socket.awaitClose(WAIT)).as(mode).isEqualTo(1000);
            }
        }
    }

    @Test
    void an_unreachable_target_is_an_error_in_termix_words() throws Exception {
        int closedPort = Traffic.freePort();
        assertThat(errorFor(porthole.adminToken(), open("open", host, "local", "127.0.0.1", closedPort)))
                .startsWith("Tunnel target is not reachable from the endpoint host");
        assertThat(errorFor(porthole.adminToken(), open("test", host, "local", "127.0.0.1", closedPort)))
                .startsWith("Tunnel target is not reachable from the endpoint host");
    }

    @Test
    void bad_requests_are_refused_with_a_reason() throws Exception {
        String token = porthole.adminToken();
        assertThat(errorFor(token, Map.of("type", "hello"))).isEqualTo("Invalid client tunnel relay request");
        assertThat(errorFor(token, Map.of("type", "open", "tunnelConfig", Map.of("mode", "local"))))
                .isEqualTo("Endpoint SSH host is required");
        assertThat(errorFor(token, open("open", 999_999, "local", "127.0.0.1", echo.port())))
                .isEqualTo("Endpoint SSH host not found");
        assertThat(errorFor(token, open("open", host, "sideways", "127.0.0.1", echo.port())))
                .contains("Invalid client tunnel mode");
        assertThat(errorFor(token, open("open", host, "local", "127.0.0.1; reboot", echo.port())))
                .contains("targetHost");
        assertThat(errorFor(token, open("open", host, "dynamic", "127.0.0.1", 70_000)))
                .contains("targetPort");

        Map<String, Object> wide = remoteOpen(Traffic.freePort());
        ((Map<String, Object>) wide.get("tunnelConfig")).put("targetHost", "0.0.0.0");
        assertThat(errorFor(token, wide)).startsWith("Remote bind address '0.0.0.0' is not loopback");
        assertThat(errorFor(token, remoteOpen(echo.port())))
                .as("a port the SSH host cannot listen on")
                .startsWith("Remote port is not available on the endpoint server");

        String stranger = porthole.createUser("relay-stranger", "password-stranger-1", "USER");
        assertThat(errorFor(stranger, open("open", host, "local", "127.0.0.1", echo.port())))
                .isIn("Endpoint SSH host not found", "Access denied to this host");
    }

    private String errorFor(String token, Map<String, Object> message) throws Exception {
        try (RelaySocket socket = RelaySocket.open(porthole, token)) {
            socket.send(message);
            Map<String, Object> reply = socket.nextMessage(WAIT);
            assertThat(reply).as(reply.toString()).containsEntry("type", "error");
            socket.awaitClose(WAIT);
            return (String) reply.get("error");
        }
    }

    @Test
    void a_client_that_stops_reading_holds_the_destination_back() throws Exception {
        try (Firehose firehose = Firehose.serving()) {
            try (RelaySocket socket = ready(open("open", host, "local", "127.0.0.1", firehose.port()))) {
                socket.awaitBytes(1024 * 1024, WAIT);
                socket.stopReading();
                long stalled = firehose.awaitStall();
                long heldBack = stalled - socket.receivedCount();
                // SSH's window (2 MiB), MINA's and the WebSocket's buffers and both hosts' socket buffers; without
                // back-pressure the destination would go on at hundreds of MiB a second
                assertThat(heldBack).as("bytes between destination and client").isLessThan(48L * 1024 * 1024);
                socket.startReading();
                socket.awaitBytes((int) stalled + 1024 * 1024, WAIT);
            }
        }
    }

    @Test
    void a_destination_that_does_not_read_holds_the_client_back() throws Exception {
        try (ServerSocket sink = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return sink.accept();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (RelaySocket socket = ready(open("open", host, "local", "127.0.0.1", sink.getLocalPort()));
                    Socket destination = accepted.get(10, TimeUnit.SECONDS)) {
                byte[] frame = random(FRAME, 4);
                long sent = 0;
                long limit = 512L * 1024 * 1024;
                while (sent < limit) {
                    try {
                        socket.sendBinary(frame).get(2, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException stalled) {
                        break;
                    }
                    sent += FRAME;
                }
                // the channel's window, the relay's and the host's read limits, and the socket buffers on the way
                assertThat(sent).as("bytes the client got rid of").isLessThan(48L * 1024 * 1024);
                byte[] first = destination.getInputStream().readNBytes(FRAME);
                assertThat(first).isEqualTo(frame);
            }
        }
    }

    /** Termix's remote open: the SSH host listens on the tunnel's {@code targetHost} (loopback here) and source port. */
    private Map<String, Object> remoteOpen(int port) {
        Map<String, Object> message = open("open", host, "remote", null, null);
        Map<String, Object> tunnel = (Map<String, Object>) message.get("tunnelConfig");
        tunnel.put("sourcePort", port);
        tunnel.put("endpointPort", 8080); // where the desktop connects on its side; the server never uses it
        return message;
    }

    private RelaySocket listening(int port) throws Exception {
        RelaySocket socket = RelaySocket.open(porthole, porthole.adminToken());
        socket.send(remoteOpen(port));
        assertThat(socket.nextMessage(WAIT))
                .containsEntry("type", "ready")
                .containsEntry("bindHost", "127.0.0.1")
                .containsEntry("bindPort", port);
        return socket;
    }

    @Test
    void a_remote_relay_carries_each_connection_as_its_own_stream() throws Exception {
        int port = Traffic.freePort();
        try (RelaySocket socket = listening(port);
                Socket first = new Socket(InetAddress.getLoopbackAddress(), port)) {
            RemoteStreams streams = new RemoteStreams(socket);
            String a = streams.nextConnection(WAIT);
            assertThat(a).matches("\\d+-\\d+");

            byte[] up = random(1024 * 1024, 5);
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> write(first, up));
            assertThat(streams.awaitData(a, up.length, WAIT)).isEqualTo(up);
            sent.get(5, TimeUnit.SECONDS);
            byte[] down = random(1024 * 1024, 6);
            CompletableFuture<byte[]> got = CompletableFuture.supplyAsync(() -> read(first, down.length));
            streams.send(a, down); // whole 64 KiB reads, as base64 text messages of 87 KiB
            assertThat(got.get(20, TimeUnit.SECONDS)).isEqualTo(down);

            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), port)) {
                String b = streams.nextConnection(WAIT);
                assertThat(b).isNotEqualTo(a);
                second.getOutputStream().write("second".getBytes());
                assertThat(new String(streams.awaitData(b, 6, WAIT))).isEqualTo("second");
                assertThat(streams.receivedCount(a))
                        .as("nothing of the second on the first")
                        .isEqualTo(up.length);

                first.close();
                assertThat(streams.awaitEnd(a, WAIT))
                        .as("the host's client closed")
                        .isEmpty();
                streams.close(b);
                second.setSoTimeout((int) WAIT.toMillis());
                assertThat(second.getInputStream().read())
                        .as("the desktop closed")
                        .isEqualTo(-1);
            }
        }
    }

    @Test
    void closing_a_remote_relay_stops_the_listen_and_ends_its_connections() throws Exception {
        int port = Traffic.freePort();
        RelaySocket socket = listening(port);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            new RemoteStreams(socket).nextConnection(WAIT);
            socket.close();
            client.setSoTimeout((int) WAIT.toMillis());
            // OpenSSH keeps a cancelled listen's connections: the relay must end them itself
            assertThat(client.getInputStream().read())
                    .as("the host's client is cut off")
                    .isEqualTo(-1);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Traffic.listening(port) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Traffic.listening(port)).as("still listening on " + port).isFalse();
    }

    @Test
    void a_remote_relay_client_that_stops_reading_holds_the_hosts_client_back() throws Exception {
        int port = Traffic.freePort();
        try (RelaySocket socket = listening(port);
                Firehose firehose = Firehose.connectingTo(port)) {
            RemoteStreams streams = new RemoteStreams(socket);
            String id = streams.nextConnection(WAIT);
            streams.awaitData(id, 1024 * 1024, WAIT);
            socket.stopReading();
            long stalled = firehose.awaitStall();
            long heldBack = stalled - streams.receivedCount(id);
            // SSH's window, the WebSocket's buffers (base64 makes them a third larger) and the sockets' on the way
            assertThat(heldBack)
                    .as("bytes between the host's client and the desktop")
                    .isLessThan(48L * 1024 * 1024);
            socket.startReading();
            streams.awaitData(id, (int) stalled, WAIT);
        }
    }

    private static void write(Socket socket, byte[] data) {
        try {
            socket.getOutputStream().write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Socket socket, int count) {
        try {
            return socket.getInputStream().readNBytes(count);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void many_relays_to_one_host_share_one_ssh_login() throws Exception {
        long shared = admin.createHost(env.passwordHost("pass"), List.of());
        int before = logins(env.userName("pass"));
        List<RelaySocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                sockets.add(ready(open("open", shared, "local", "127.0.0.1", echo.port())));
            }
            for (RelaySocket socket : sockets) {
                socket.sendBinary("ping".getBytes()).get(5, TimeUnit.SECONDS);
                assertThat(new String(socket.awaitBytes(4, WAIT))).isEqualTo("ping");
            }
            assertThat(logins(env.userName("pass")) - before)
                    .as("new SSH logins")
                    .isEqualTo(1);
        } finally {
            sockets.forEach(RelaySocket::close);
        }
    }

    /** The test sshd's connections logged in as {@code user}: OpenSSH runs one privileged monitor for each. */
    private static int logins(String user) throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-c", "-f", "^sshd-test: " + user + " \\[priv\\]")
                .redirectErrorStream(true)
                .start();
        String count = new String(pgrep.getInputStream().readAllBytes()).trim();
        pgrep.waitFor();
        return Integer.parseInt(count);
    }

    /** A TCP connection that writes as fast as it can and counts what the kernel took. */
    static final class Firehose implements AutoCloseable {
        private final AutoCloseable socket;
        private final int port;
        private final AtomicLong written = new AtomicLong();
        private final Thread thread;

        private Firehose(AutoCloseable socket, int port, Callable<Socket> connection) {
            this.socket = socket;
            this.port = port;
            this.thread = new Thread(() -> pour(connection), "firehose");
            thread.setDaemon(true);
            thread.start();
        }

        /** Writes to the first client that connects to {@link #port()}. */
        static Firehose serving() throws IOException {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            return new Firehose(server, server.getLocalPort(), server::accept);
        }

        /** Connects to {@code port} here and writes. */
        static Firehose connectingTo(int port) throws IOException {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
            return new Firehose(client, port, () -> client);
        }

        int port() {
            return port;
        }

        private void pour(Callable<Socket> connection) {
            byte[] chunk = random(64 * 1024, 3);
            try (Socket client = connection.call();
                    OutputStream out = client.getOutputStream()) {
                while (true) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (Exception e) {
                // the relay closed
            }
        }

        /** Waits until the count stops growing for half a second, and returns it. */
        long awaitStall() throws InterruptedException {
            long last = -1;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                long now = written.get();
                if (now == last) {
                    return now;
                }
                last = now;
                Thread.sleep(500);
            }
            throw new AssertionError("the destination never stalled: " + written.get() + " bytes written");
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.interrupt();
        }
    }
}
