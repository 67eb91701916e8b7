package dev.porthole.docker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket's streams against a listening Unix socket of the test's own, byte by byte; no daemon needed. */
class UnixSocketStreamsTest {
    @TempDir
    Path dir;

    private ServerSocketChannel server;
    private Path socket;

    @BeforeEach
    void listen() throws IOException {
        socket = dir.resolve("test.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private static void send(SocketChannel peer, String text) throws IOException {
        peer.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String receive(SocketChannel peer, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining() && peer.read(buffer) >= 0) {
            // until all expected bytes came, or the end
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static String readFully(DuplexStream stream, int bytes) throws IOException {
        return new String(stream.in().readNBytes(bytes), StandardCharsets.UTF_8);
    }

    @Test
    void writesWhileAReadIsPendingOnTheSameConnection() throws Exception {
        try (DuplexStream stream = UnixSocketStreams.opener(socket).open();
                SocketChannel peer = server.accept()) {
            CompletableFuture<String> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return readFully(stream, 4);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertThat(pending).as("the read waits for the peer").isNotDone();

            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
                try {
                    stream.out().write("ping".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            write.get(2, TimeUnit.SECONDS);
            assertThat(receive(peer, 4)).isEqualTo("ping");

            send(peer, "pong");
            assertThat(pending.get(2, TimeUnit.SECONDS)).isEqualTo("pong");
        }
    }

    @Test
    void closingTheOutputHalfClosesAndTheAnswerStillComes() throws Exception {
        try (DuplexStream stream = UnixSocketStreams.opener(socket).open();
                SocketChannel peer = server.accept()) {
            stream.out().write("request".getBytes(StandardCharsets.UTF_8));
            stream.out().close();
            assertThat(receive(peer, 64)).as("all the peer gets before the end").isEqualTo("request");

            send(peer, "answer");
            peer.close();
            assertThat(new String(stream.in().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("answer");
        }
    }

    @Test
    void closingTheStreamEndsABlockedReadAndTheConnection() throws Exception {
        DuplexStream stream = UnixSocketStreams.opener(socket).open();
        try (SocketChannel peer = server.accept()) {
            CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return stream.in().read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            stream.close();
            assertThatThrownBy(() -> blocked.get(2, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(java.nio.channels.AsynchronousCloseException.class);
            assertThat(peer.read(ByteBuffer.allocate(1)))
                    .as("the peer sees the end")
                    .isEqualTo(-1);
            // idempotent, as DuplexStream requires
            stream.close();
        }
    }

    @Test
    void aSocketHasNoExitToWaitFor() throws Exception {
        try (DuplexStream stream = UnixSocketStreams.opener(socket).open();
                SocketChannel peer = server.accept()) {
            long start = System.nanoTime();
            assertThat(stream.awaitExit(Duration.ofSeconds(5))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aMissingSocketIsNamedInTheError() {
        Path missing = dir.resolve("no-such.sock");
        assertThatThrownBy(() -> UnixSocketStreams.opener(missing).open())
                .isInstanceOf(IOException.class)
                .hasMessage("cannot connect to the Docker socket " + missing + ": No such file or directory");
    }

    @Test
    void aSocketNobodyListensOnIsRefused() throws IOException {
        server.close();
        assertThatThrownBy(() -> UnixSocketStreams.opener(socket).open())
                .isInstanceOf(IOException.class)
                .hasMessage("cannot connect to the Docker socket " + socket + ": Connection refused");
    }

    @Test
    void theTransportPassesTheReasonOnWithoutAnExit() throws IOException {
        Path missing = dir.resolve("no-such.sock");
        try (DialStdioDockerHttpClient client =
                new DialStdioDockerHttpClient(UnixSocketStreams.opener(missing), DialStdioClientConfig.DEFAULTS)) {
            assertThatThrownBy(() -> client.execute(Request.builder()
                            .method(Request.Method.GET)
                            .path("/_ping")
                            .build()))
                    .isInstanceOfSatisfying(DialStdioException.class, e -> {
                        assertThat(e.exit()).isEmpty();
                        assertThat(e.getMessage())
                                .contains("cannot connect to the Docker socket " + missing
                                        + ": No such file or directory");
                    });
        }
    }
}
