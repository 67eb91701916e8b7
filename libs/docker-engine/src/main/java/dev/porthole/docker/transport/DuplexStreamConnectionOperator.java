package dev.porthole.docker.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Where HttpClient would resolve a host and dial TCP, opens a {@link DuplexStream} and binds the connection to it. The
 * socket is also left in the request's context, so that a failed exchange can be explained by the command's exit.
 */
final class DuplexStreamConnectionOperator implements HttpClientConnectionOperator {
    static final String SOCKET_ATTRIBUTE = DuplexStreamConnectionOperator.class.getName() + ".socket";

    private final DuplexStreamOpener opener;

    DuplexStreamConnectionOperator(DuplexStreamOpener opener) {
        this.opener = opener;
    }

    @Override
    public void connect(
            ManagedHttpClientConnection connection,
            HttpHost host,
            InetSocketAddress localAddress,
            TimeValue connectTimeout,
            SocketConfig socketConfig,
            HttpContext context)
            throws IOException {
        DuplexStream stream = opener.open();
        DuplexStreamSocket socket;
        try {
            socket = new DuplexStreamSocket(stream);
            socket.setSoTimeout(socketConfig.getSoTimeout().toMillisecondsIntBound());
            connection.bind(socket);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
        context.setAttribute(SOCKET_ATTRIBUTE, socket);
    }

    /** TLS is never layered on the stream: its security is the SSH connection's. */
    @Override
    public void upgrade(ManagedHttpClientConnection connection, HttpHost host, HttpContext context) throws IOException {
        throw new IOException("a docker system dial-stdio stream cannot be upgraded to TLS");
    }
}
