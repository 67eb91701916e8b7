package dev.porthole.plugins.dockerruntime;

import dev.porthole.plugins.containers.spi.EndpointSpec;
import dev.porthole.plugins.containers.spi.InvalidEndpointException;
import dev.porthole.plugins.dockerruntime.docker.Reach;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The docker runtime's endpoint settings. A local endpoint has one, {@code socket}: the daemon's Unix socket, an
 * absolute path without {@code ..}, {@code /var/run/docker.sock} when not given. An endpoint on an inventory host has
 * none: {@code docker system dial-stdio} there reaches the daemon the host's own Docker CLI is set up for.
 */
final class EndpointSettings {
    static final String SOCKET = "socket";
    static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private EndpointSettings() {}

    /** @throws InvalidEndpointException naming the first setting that cannot work */
    static void check(Map<String, String> settings, boolean overSsh) {
        for (String key : settings.keySet()) {
            if (overSsh) {
                throw new InvalidEndpointException(
                        key,
                        "unknown setting '" + key + "': an environment on an inventory host needs no settings, Docker"
                                + " is reached with `docker system dial-stdio` over the host's SSH connection");
            }
            if (!SOCKET.equals(key)) {
                throw new InvalidEndpointException(
                        key, "unknown setting '" + key + "': a local Docker environment has only 'socket'");
            }
        }
        if (!overSsh) {
            socket(settings);
        }
    }

    /** Where the spec's daemon is; its settings are checked again, as {@link #check} does. */
    static Reach reach(EndpointSpec spec) {
        check(spec.settings(), spec.ssh().isPresent());
        return spec.ssh().map(Reach::overSsh).orElseGet(() -> Reach.local(socket(spec.settings())));
    }

    private static Path socket(Map<String, String> settings) {
        String value = settings.get(SOCKET);
        if (value == null) {
            return DEFAULT_SOCKET;
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidEndpointException(SOCKET, "socket: not a path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new InvalidEndpointException(
                    SOCKET, "socket: must be an absolute path, e.g. " + DEFAULT_SOCKET + ", not '" + value + "'");
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new InvalidEndpointException(SOCKET, "socket: must not contain '..': '" + value + "'");
            }
        }
        return path;
    }
}
