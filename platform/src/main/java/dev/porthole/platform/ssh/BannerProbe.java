package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.SshException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A check that an SSH server answers, quiet in its log. A client that reads the banner and closes makes OpenSSH log
 * {@code kex_exchange_identification} as an error; one that sends an identification line and closes before the key
 * exchange leaves a {@code [preauth]} line that sshguard counts. A client whose software version starts with
 * {@code Probe-} is one OpenSSH has known since 2002 ({@code compat.c}, {@code SSH_BUG_PROBE}): it logs "probed from
 * ..." at INFO and closes the connection itself, which is the quietest way out.
 */
final class BannerProbe {
    static final String IDENTIFICATION = "SSH-2.0-Probe-Porthole_1.0\r\n";
    // RFC 4253 4.2: a server may send other lines before its identification, each at most 255 bytes with CR LF
    private static final int MAX_PREAMBLE = 16 * 1024;
    private static final Duration SERVER_CLOSE = Duration.ofSeconds(2);

    private BannerProbe() {}

    /**
     * Connects to {@code address}, reads the server's identification line, sends the probe's own and waits for the
     * server to close. {@code connected} gets the socket's local address once connected (a SOCKS tunnel admits it).
     */
    static String read(SocketAddress address, Duration timeout, Consumer<SocketAddress> connected) {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) timeout.toMillis());
            connected.accept(socket.getLocalSocketAddress());
            socket.setSoTimeout((int) timeout.toMillis());
            InputStream in = socket.getInputStream();
            String identification = identification(in);
            socket.getOutputStream().write(IDENTIFICATION.getBytes(StandardCharsets.US_ASCII));
            awaitClose(socket, in);
            return identification;
        } catch (SocketTimeoutException e) {
            throw new SshException(
                    SshException.Code.TIMEOUT, "no SSH identification from " + address + " within " + timeout);
        } catch (IOException e) {
            throw new SshException(SshException.Code.UNREACHABLE, "cannot reach " + address + ": " + e.getMessage());
        }
    }

    private static String identification(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (++total > MAX_PREAMBLE) {
                break;
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.US_ASCII).strip();
            if (text.startsWith("SSH-")) {
                return text;
            }
            line.reset();
        }
        throw new IOException("it sent no SSH identification line");
    }

    /** OpenSSH closes after a probe's line; another server may start its key exchange instead, which is read away. */
    private static void awaitClose(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout((int) SERVER_CLOSE.toMillis());
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) >= 0) {
                // a non-OpenSSH server's key exchange: nothing to do with it
            }
        } catch (SocketTimeoutException stillOpen) {
            // the server keeps the connection: the probe closes it (a normal close, never a reset)
        }
    }
}
