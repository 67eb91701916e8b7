package dev.porthole.docker.transport;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * docker-java's transport over {@code docker system dial-stdio} streams, built on Apache HttpClient 5: a bounded pool
 * of keep-alive HTTP/1.1 connections, each on its own {@link DuplexStream}. A warm request costs one round trip on a
 * pooled stream; a new stream is opened only when all are busy or the pooled ones went stale.
 *
 * <p>Requests with stdin for a container (docker-java's "hijacked" attach and exec) upgrade their stream to a raw
 * duplex one, which then serves only that request.
 */
public final class DialStdioDockerHttpClient implements DockerHttpClient {
    /** Every request goes to the one daemon at the other end of the streams; the name is only for the Host header. */
    private static final HttpHost DAEMON = new HttpHost("http", "docker", 80);
    /** How long a failed exchange waits for the command's exit to explain it. */
    private static final Duration EXIT_WAIT = Duration.ofMillis(500);

    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;

    public DialStdioDockerHttpClient(DuplexStreamOpener opener, DialStdioClientConfig config) {
        Objects.requireNonNull(opener, "opener");
        Timeout readTimeout = Timeout.of(config.readTimeout());
        this.connections = new PoolingHttpClientConnectionManagerBuilder() {
            @Override
            protected HttpClientConnectionOperator createConnectionOperator(
                    SchemePortResolver schemePortResolver,
                    DnsResolver dnsResolver,
                    TlsSocketStrategy tlsSocketStrategy) {
                return new DuplexStreamConnectionOperator(opener);
            }
        }.setMaxConnTotal(config.maxStreams())
                .setMaxConnPerRoute(config.maxStreams())
                .setDefaultSocketConfig(
                        SocketConfig.custom().setSoTimeout(readTimeout).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setSocketTimeout(readTimeout)
                        // A pooled stream idle this long is checked (a 1 ms read) before reuse: the remote
                        // command may have ended meanwhile.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setRequestExecutor(new HijackingRequestExecutor())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(config.acquireTimeout()))
                        .setResponseTimeout(readTimeout)
                        .build())
                .evictIdleConnections(TimeValue.of(config.idleTimeout()))
                // A failed exchange is reported with the command's exit, not retried: a retry would start another
                // remote process against a daemon that is not there, or repeat a container action.
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableAuthCaching()
                .build();
    }

    @Override
    public Response execute(Request request) {
        HttpUriRequestBase message = new HttpUriRequestBase(request.method(), URI.create(request.path()));
        message.setScheme(DAEMON.getSchemeName());
        message.setAuthority(new URIAuthority(DAEMON.getHostName(), DAEMON.getPort()));
        request.headers().forEach(message::addHeader);
        byte[] bytes = request.bodyBytes();
        InputStream stream = bytes == null ? request.body() : null;
        if (bytes != null) {
            message.setEntity(new ByteArrayEntity(bytes, null));
        } else if (stream != null) {
            message.setEntity(new InputStreamEntity(stream, null));
        }

        HttpClientContext context = HttpClientContext.create();
        if (request.hijackedInput() != null) {
            context.setAttribute(HijackingRequestExecutor.INPUT_ATTRIBUTE, request.hijackedInput());
            message.setHeader("Upgrade", "tcp");
            message.setHeader("Connection", "Upgrade");
        }
        try {
            return new DialStdioResponse(message, http.executeOpen(DAEMON, message, context));
        } catch (IOException e) {
            throw explained(e, context);
        }
    }

    /** Streams open now (leased or idle in the pool). */
    public int openStreams() {
        var stats = connections.getTotalStats();
        return stats.getLeased() + stats.getAvailable();
    }

    private static DialStdioException explained(IOException failure, HttpClientContext context) {
        StreamExit exit = null;
        if (context.getAttribute(DuplexStreamConnectionOperator.SOCKET_ATTRIBUTE) instanceof DuplexStreamSocket s) {
            try {
                exit = s.awaitExit(EXIT_WAIT).orElse(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String message = exit == null
                ? "Docker API request over docker system dial-stdio failed: " + failure.getMessage()
                : "docker system dial-stdio ended with status " + exit.status() + ": "
                        + exit.stderr().strip();
        return new DialStdioException(message, failure, exit);
    }

    /** Closes every stream, idle or in use; the remote commands end with them. */
    @Override
    public void close() throws IOException {
        http.close();
    }
}
