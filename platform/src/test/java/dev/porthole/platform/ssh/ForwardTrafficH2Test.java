package dev.porthole.platform.ssh;

import static dev.porthole.platform.ssh.SshTestSupport.caller;
import static dev.porthole.platform.ssh.SshTestSupport.createPasswordHost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.api.ssh.Forward;
import dev.porthole.api.ssh.ForwardTraffic;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each kind of forward counts the bytes and connections it carries, and nothing of a SOCKS handshake; forwards sharing
 * a connection (and MINA's forwarder) count apart.
 */
@MicronautTest(transactional = false)
class ForwardTrafficH2Test extends PlatformTestBase {
    private static final int LINES = 10_000;
    // lines for the line echo server; 1 MB, many channel packets and socket reads each way
    private static final byte[] PAYLOAD = ("x".repeat(99) + "\n").repeat(LINES).getBytes(StandardCharsets.US_ASCII);

    private final TestSshServer sshd = new TestSshServer();

    @Inject
    DefaultSshConnections ssh;

    ForwardTrafficH2Test() {
        super(TestDatabase.H2);
    }

    @AfterAll
    void stopServer() throws Exception {
        sshd.close();
    }

    /** How a client reaches the destination through a forward. */
    enum Client {
        LOCAL,
        REMOTE,
        SOCKS5,
        SOCKS4
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void a_forward_counts_what_its_client_sends_and_gets_back(Client client) throws Exception {
        SshTarget target = newTarget();
        try (EchoServer echo = new EchoServer();
                Forward forward = open(target, client, echo.port())) {
            assertThat(forward.traffic()).isEqualTo(new ForwardTraffic(0, 0, 0, 0));
            try (Socket socket = connect(client, forward.boundAddress(), echo.port())) {
                byte[] back = roundTrip(socket);

                assertThat(back).isEqualTo(PAYLOAD);
                assertThat(forward.traffic()).isEqualTo(new ForwardTraffic(PAYLOAD.length, PAYLOAD.length, 1, 1));
            }
            assertThat(openConnectionsOnceSettled(forward)).isZero();
            assertThat(forward.traffic()).isEqualTo(new ForwardTraffic(PAYLOAD.length, PAYLOAD.length, 0, 1));
        }
    }

    @Test
    void forwards_on_one_connection_count_apart_and_one_reopened_on_the_same_port_starts_from_zero() throws Exception {
        SshTarget target = newTarget();
        ForwardTraffic none = new ForwardTraffic(0, 0, 0, 0);
        try (EchoServer echo = new EchoServer()) {
            int port;
            try (Forward used = target.localForward("127.0.0.1", 0, "127.0.0.1", echo.port());
                    Forward idle = target.localForward("127.0.0.1", 0, "127.0.0.1", echo.port())) {
                port = used.boundAddress().getPort();
                assertThat(EchoServer.roundTrip(used.boundAddress(), "one")).isEqualTo("one");

                assertThat(openConnectionsOnceSettled(used)).isZero();
                assertThat(used.traffic()).isEqualTo(new ForwardTraffic(4, 4, 0, 1));
                assertThat(idle.traffic()).isEqualTo(none);
            }
            try (Forward reopened = target.localForward("127.0.0.1", port, "127.0.0.1", echo.port())) {
                assertThat(reopened.traffic()).isEqualTo(none);
            }
        }
    }

    private SshTarget newTarget() {
        TestUser user = newUser("USER");
        return ssh.target(caller(user), createPasswordHost(api(), user.auth(), "fw-" + System.nanoTime(), sshd.port()));
    }

    private static Forward open(SshTarget target, Client client, int echoPort) {
        return switch (client) {
            case LOCAL -> target.localForward("127.0.0.1", 0, "127.0.0.1", echoPort);
            case REMOTE -> target.remoteForward("127.0.0.1", 0, "127.0.0.1", echoPort);
            case SOCKS5, SOCKS4 -> target.dynamicForward("127.0.0.1", 0);
        };
    }

    private static Socket connect(Client client, InetSocketAddress bound, int echoPort) throws IOException {
        InetSocketAddress listening = new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getPort());
        InetSocketAddress echo = new InetSocketAddress(InetAddress.getLoopbackAddress(), echoPort);
        Socket socket;
        switch (client) {
            case SOCKS5 -> {
                socket = new Socket(new Proxy(Proxy.Type.SOCKS, listening));
                socket.connect(echo, 5000);
            }
            case SOCKS4 -> {
                socket = new Socket();
                socket.connect(listening, 5000);
                socks4Connect(socket, echoPort);
            }
            default -> {
                socket = new Socket();
                socket.connect(listening, 5000);
            }
        }
        socket.setSoTimeout(10_000);
        return socket;
    }

    /**
     * SOCKS4 by hand, as the JDK speaks it only when told so for the whole JVM. The request goes in one write: MINA's
     * proxy takes each handshake message from a single read.
     */
    private static void socks4Connect(Socket socket, int port) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(9)
                .put((byte) 4)
                .put((byte) 1)
                .putShort((short) port)
                .put(InetAddress.getLoopbackAddress().getAddress())
                .put((byte) 0);
        socket.getOutputStream().write(request.array());
        byte[] reply = new byte[8];
        new DataInputStream(socket.getInputStream()).readFully(reply);
        assertThat(reply[1]).as("SOCKS4 request granted").isEqualTo((byte) 0x5a);
    }

    /** Sends the payload while reading the echo, so that neither direction waits for the other to drain. */
    private static byte[] roundTrip(Socket socket) throws Exception {
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(PAYLOAD);
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        InputStream in = socket.getInputStream();
        byte[] back = in.readNBytes(PAYLOAD.length);
        sent.get();
        return back;
    }

    /** MINA closes a forwarded connection's far side and channel asynchronously after the client closed. */
    private static int openConnectionsOnceSettled(Forward forward) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (forward.traffic().openConnections() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return forward.traffic().openConnections();
    }
}
