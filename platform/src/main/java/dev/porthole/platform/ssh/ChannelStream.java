package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.SshStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalInt;
import org.apache.sshd.client.channel.ChannelExec;

/** An exec channel's stdin and stdout as a plugin's stream; it gives its lease back when the channel closes. */
final class ChannelStream implements SshStream {
    private final ChannelExec channel;
    private final TailBuffer stderr;

    ChannelStream(ChannelExec channel, TailBuffer stderr, ConnectionPool.Lease lease) {
        this.channel = channel;
        this.stderr = stderr;
        channel.addCloseFutureListener(f -> lease.close());
    }

    @Override
    public InputStream input() {
        return channel.getInvertedOut();
    }

    @Override
    public OutputStream output() {
        return channel.getInvertedIn();
    }

    @Override
    public String errorOutput() {
        return stderr.text();
    }

    @Override
    public OptionalInt exitStatus() {
        Integer status = channel.getExitStatus();
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    @Override
    public void close() {
        channel.close(false);
    }
}
