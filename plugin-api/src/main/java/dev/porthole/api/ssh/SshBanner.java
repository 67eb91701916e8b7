package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.time.Duration;

/**
 * What a host's SSH server answered to {@link SshTarget#ping()}.
 *
 * @param identification the server's identification line, e.g. {@code SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3}
 * @param took from the start of the check (proxies and jump hosts included) to the server's line
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record SshBanner(String identification, Duration took) {}
