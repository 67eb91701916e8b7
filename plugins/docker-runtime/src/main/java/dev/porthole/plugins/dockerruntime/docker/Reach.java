package dev.porthole.plugins.dockerruntime.docker;

import dev.porthole.api.ssh.SshTarget;
import dev.porthole.docker.transport.DialStdioClientConfig;
import dev.porthole.docker.transport.DuplexStreamOpener;
import dev.porthole.docker.transport.SshDialStdio;
import dev.porthole.docker.transport.UnixSocketStreams;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How an endpoint reaches its daemon: the opener of its streams, the limits of its two transports, and words naming it
 * for messages.
 *
 * <p>Each endpoint has two pools of streams. Requests (list, inspect, actions, stats) answer within a bound: a stop
 * waits for its grace period, at most 300 s in the API, so 6 minutes without a byte is a daemon that hangs. Log
 * follows and the event feed may rightly be silent for days, so their pool has no read timeout worth the name; and
 * being apart, a crowd of log followers cannot take the streams that lists and actions need.
 *
 * @param where the endpoint in words, e.g. "the Docker socket /var/run/docker.sock"
 * @param opener opens one stream to the daemon
 * @param requests the request pool's limits
 * @param streams the log and event pool's limits
 */
public record Reach(
        String where, DuplexStreamOpener opener, DialStdioClientConfig requests, DialStdioClientConfig streams) {
    private static final Duration REQUEST_READ = Duration.ofMinutes(6);
    /** The longest read timeout the transport takes (an int of milliseconds, ~24 days): in effect none. */
    private static final Duration STREAM_READ = Duration.ofMillis(Integer.MAX_VALUE);
    /** A request waits this long for a stream when all are busy, e.g. behind five stops of a bulk operation. */
    private static final Duration REQUEST_ACQUIRE = Duration.ofSeconds(60);
    /** A log follower that finds every stream taken is told so soon rather than kept waiting for a stream to end. */
    private static final Duration STREAM_ACQUIRE = Duration.ofSeconds(10);

    private static final Duration IDLE = Duration.ofSeconds(60);

    /**
     * A local socket connection costs a file descriptor, so the local pools are wide: 16 requests at once (a bulk
     * operation runs 5, and lists and stats go on beside them), and 32 log follows and event feeds, one stream each.
     */
    private static final DialStdioClientConfig LOCAL_REQUESTS =
            new DialStdioClientConfig(16, REQUEST_READ, REQUEST_ACQUIRE, IDLE);

    private static final DialStdioClientConfig LOCAL_STREAMS =
            new DialStdioClientConfig(32, STREAM_READ, STREAM_ACQUIRE, IDLE);

    /**
     * Over SSH every stream is a session channel, and OpenSSH allows 10 per connection (MaxSessions): 6 for requests
     * (a bulk operation's 5 and one more, so a list is not queued behind them) and 3 for logs and events leave one for
     * the SSH service's other work on the same connection (other plugins, exec, forwards).
     */
    private static final DialStdioClientConfig SSH_REQUESTS =
            new DialStdioClientConfig(6, REQUEST_READ, REQUEST_ACQUIRE, IDLE);

    private static final DialStdioClientConfig SSH_STREAMS =
            new DialStdioClientConfig(3, STREAM_READ, STREAM_ACQUIRE, IDLE);

    /** The daemon on this machine, by its Unix socket. */
    public static Reach local(Path socket) {
        return new Reach(
                "the Docker socket " + socket, UnixSocketStreams.opener(socket), LOCAL_REQUESTS, LOCAL_STREAMS);
    }

    /** The daemon of an inventory host: {@code docker system dial-stdio} on its pooled SSH connection. */
    public static Reach overSsh(SshTarget target) {
        return new Reach(
                "Docker on host " + target.hostId() + " over SSH",
                SshDialStdio.opener(target),
                SSH_REQUESTS,
                SSH_STREAMS);
    }
}
