package dev.porthole.plugins.tunnels.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/** Pushes random bytes through a tunnel to an echo server and checks that every byte came back, in order. */
final class Traffic {
    private Traffic() {}

    static void echoesThrough(String host, int port, int bytes) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            roundTrip(socket, bytes);
        }
    }

    /** The same through a SOCKS5 proxy at {@code proxyPort}, to {@code targetPort} as seen from its exit. */
    static void echoesThroughSocks(int proxyPort, int targetPort, int bytes) throws Exception {
        Proxy proxy = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", proxyPort));
        try (Socket socket = new Socket(proxy)) {
            socket.connect(InetSocketAddress.createUnresolved("127.0.0.1", targetPort), 5000);
            roundTrip(socket, bytes);
        }
    }

    private static void roundTrip(Socket socket, int bytes) throws Exception {
        socket.setSoTimeout(20_000);
        byte[] sent = new byte[bytes];
        new Random(bytes).nextBytes(sent);
        OutputStream out = socket.getOutputStream();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                // no half-close: MINA's forwarders close the whole connection on a client's end of input (see
                // docs/api/tunnels.md), so the test reads everything back before it closes, as interactive clients do
                out.write(sent);
                out.flush();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        byte[] received = readAll(socket.getInputStream(), bytes);
        writing.join();
        assertThat(received.length).isEqualTo(bytes);
        assertThat(Arrays.equals(received, sent))
                .as("the bytes came back unchanged")
                .isTrue();
    }

    private static byte[] readAll(InputStream in, int expected) throws IOException {
        byte[] all = new byte[expected];
        int at = 0;
        for (int n; at < expected && (n = in.read(all, at, expected - at)) >= 0; ) {
            at += n;
        }
        return Arrays.copyOf(all, at);
    }

    /**
     * A port free now, below Linux's ephemeral range (32768 and up): a port the kernel hands out itself could be taken
     * by an outgoing SSH connection or a join listener before the tunnel under test binds it.
     */
    static int freePort() throws IOException {
        for (int tries = 0; tries < 100; tries++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (BindException taken) {
                // try another
            }
        }
        throw new IOException("no free port in 20000-31999 after 100 tries");
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
