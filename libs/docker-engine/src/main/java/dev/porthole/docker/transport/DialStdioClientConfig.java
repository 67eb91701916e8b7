package dev.porthole.docker.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one {@link DialStdioDockerHttpClient}.
 *
 * @param maxStreams most streams (remote {@code dial-stdio} commands, SSH channels) open at once; OpenSSH allows 10
 *     sessions per connection by default, and the SSH service needs some for other work
 * @param readTimeout longest wait for the next bytes of a response
 * @param acquireTimeout longest wait for a free stream when all {@code maxStreams} are busy
 * @param idleTimeout an unused stream is closed after this, so idle hosts keep no remote processes
 */
public record DialStdioClientConfig(
        int maxStreams, Duration readTimeout, Duration acquireTimeout, Duration idleTimeout) {
    /** 4 streams, 60 s to read (a one-shot stats sample takes about 2 s), 30 s to get a stream, 60 s idle. */
    public static final DialStdioClientConfig DEFAULTS =
            new DialStdioClientConfig(4, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public DialStdioClientConfig {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be at least 1, not " + maxStreams);
        }
        positive(readTimeout, "readTimeout");
        positive(acquireTimeout, "acquireTimeout");
        positive(idleTimeout, "idleTimeout");
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    /** These settings with another idle timeout. */
    public DialStdioClientConfig withIdleTimeout(Duration idle) {
        return new DialStdioClientConfig(maxStreams, readTimeout, acquireTimeout, idle);
    }
}
