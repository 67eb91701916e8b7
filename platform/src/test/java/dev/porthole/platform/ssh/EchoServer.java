package dev.porthole.platform.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A line echo server on loopback, the far end of forwards in tests. */
final class EchoServer implements AutoCloseable {
    private final ServerSocket socket;

    EchoServer() throws IOException {
        socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "echo-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Sends one line to {@code address} and returns the line that comes back. */
    static String roundTrip(InetSocketAddress address, String line) throws IOException {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", address.getPort()), 5000);
            client.setSoTimeout(5000);
            client.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread thread = new Thread(() -> echo(client), "echo-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket client) {
        try (client) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            for (String line; (line = in.readLine()) != null; ) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the test closed its end
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
