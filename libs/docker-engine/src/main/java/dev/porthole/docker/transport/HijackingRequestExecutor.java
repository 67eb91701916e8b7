package dev.porthole.docker.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Docker's "hijacked" requests (attach and exec with stdin): the request asks for {@code Upgrade: tcp}, the daemon
 * answers 101 and from then on the connection is a raw duplex stream. The caller's input is copied to the connection
 * on a thread of its own and the output half-closed at its end; the daemon's output is handed over as the body of a
 * 200 response that lasts until the daemon closes. HttpClient's own executor refuses a 101, hence this one.
 */
final class HijackingRequestExecutor extends HttpRequestExecutor {
    static final String INPUT_ATTRIBUTE = HijackingRequestExecutor.class.getName() + ".input";

    @Override
    public ClassicHttpResponse execute(
            ClassicHttpRequest request,
            HttpClientConnection connection,
            HttpResponseInformationCallback informationCallback,
            HttpContext context)
            throws IOException, HttpException {
        if (!(context.getAttribute(INPUT_ATTRIBUTE) instanceof InputStream input)) {
            return super.execute(request, connection, informationCallback, context);
        }
        try {
            connection.sendRequestHeader(request);
            connection.sendRequestEntity(request);
            connection.flush();
            ClassicHttpResponse response = connection.receiveResponseHeader();
            if (response.getCode() == HttpStatus.SC_SWITCHING_PROTOCOLS) {
                Socket socket = ((ManagedHttpClientConnection) connection).getSocket();
                startCopy(input, socket);
                // The body is the raw stream now, delimited by the daemon closing it.
                response.setCode(HttpStatus.SC_OK);
            }
            // Anything else (404 for an unknown container, say) is an ordinary response with an ordinary body.
            connection.receiveResponseEntity(response);
            return response;
        } catch (IOException | HttpException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Ends when the input ends (then half-closes, so the container sees EOF on stdin) or the connection fails. */
    private static void startCopy(InputStream input, Socket socket) {
        Thread copy = new Thread(
                () -> {
                    try {
                        OutputStream out = socket.getOutputStream();
                        byte[] buffer = new byte[8192];
                        int n;
                        while ((n = input.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                        socket.shutdownOutput();
                    } catch (IOException e) {
                        // The connection ended first; its reader sees that.
                    }
                },
                "docker-dial-stdio-stdin-" + socket);
        copy.setDaemon(true);
        copy.start();
    }
}
