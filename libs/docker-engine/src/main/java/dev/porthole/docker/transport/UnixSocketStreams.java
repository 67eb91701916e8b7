package dev.porthole.docker.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Streams to the local daemon's Unix socket ({@code /var/run/docker.sock}): each stream is one connection, which the
 * daemon serves as it serves {@code docker system dial-stdio}, so the same transport carries both.
 */
public final class UnixSocketStreams {
    private UnixSocketStreams() {}

    /**
     * Each stream opened is a new connection to {@code socket}. A connection that cannot be made is an {@link
     * IOException} naming the socket and the reason, e.g. "cannot connect to the Docker socket /var/run/docker.sock:
     * Permission denied".
     */
    public static DuplexStreamOpener opener(Path socket) {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
        return () -> open(socket, address);
    }

    private static DuplexStream open(Path socket, UnixDomainSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(address);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to the Docker socket " + socket + ": " + e.getMessage(), e);
        }
        return new SocketStream(channel);
    }

    /**
     * The streams read and write the channel itself. {@code Channels.newInputStream} and {@code newOutputStream} would
     * not do: on JDK 17 both hold the channel's blocking lock for the whole of a blocking call, so a write waits for
     * the pending read to end — and the transport always has a read pending, and an attached container's stdin is
     * written while its output is read. A Unix channel has no socket adaptor to fall back on ({@code socket()} is not
     * supported); the channel's own reads and writes take separate locks.
     */
    private static final class SocketStream implements DuplexStream {
        private final SocketChannel channel;
        private final InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            /** Blocks until at least one byte has come (a blocking channel never reads 0 bytes into room). */
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
        private final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }

            /** Half-closes: the daemon sees the end of a hijacked stdin and still answers on the other half. */
            @Override
            public void close() throws IOException {
                if (channel.isOpen()) {
                    channel.shutdownOutput();
                }
            }
        };

        SocketStream(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public InputStream in() {
            return in;
        }

        @Override
        public OutputStream out() {
            return out;
        }

        /** No command runs behind a socket, so there is never an exit to explain a failure with. */
        @Override
        public Optional<StreamExit> awaitExit(Duration timeout) {
            return Optional.empty();
        }

        /** Also ends a read blocked on the channel (the transport's pump thread), which then sees the stream closed. */
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
