package dev.porthole.plugins.tunnels;

import dev.porthole.api.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plugin's settings ({@code porthole.plugin-settings.tunnels.*}), read once at start.
 *
 * @param bindHosts addresses other than loopback that tunnels may listen on; {@code *} allows any. Loopback is always
 *     allowed and is the default.
 * @param remoteTargets {@code host:port} destinations on this server's side that a single-host remote tunnel of a
 *     user who is not an admin may reach ({@code *} as host or port for any). A remote tunnel lets the SSH host open
 *     connections from this server, so by default only admins may point one anywhere.
 * @param retryCap the longest wait between two attempts, however often a tunnel failed
 * @param keepalive how often a connected tunnel's SSH connection is probed: a dead one is noticed within this
 * @param statusInterval the shortest time between two status events of one stream
 */
public record TunnelSettings(
        List<String> bindHosts,
        List<String> remoteTargets,
        Duration retryCap,
        Duration keepalive,
        Duration statusInterval) {
    static final Duration RETRY_CAP = Duration.ofMinutes(5);
    static final Duration KEEPALIVE = Duration.ofSeconds(15);
    static final Duration STATUS_INTERVAL = Duration.ofMillis(250);

    public TunnelSettings {
        bindHosts = List.copyOf(bindHosts);
        remoteTargets = List.copyOf(remoteTargets);
    }

    /**
     * {@return {@code requested} as a tunnel may listen on it (localhost as 127.0.0.1), or empty when it is not
     * loopback and no admin allowed it}
     */
    public Optional<String> bindable(String requested) {
        String bind = requested.trim();
        if (isLoopback(bind)) {
            return Optional.of(bind.equalsIgnoreCase("localhost") ? "127.0.0.1" : bind);
        }
        return bindHosts.contains("*") || bindHosts.contains(bind) ? Optional.of(bind) : Optional.empty();
    }

    private static boolean isLoopback(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return a.equals("localhost") || a.equals("::1") || a.startsWith("127.");
    }

    static TunnelSettings read(Settings settings) {
        return new TunnelSettings(
                list(settings.get("bind-hosts", "")),
                list(settings.get("remote-targets", "")),
                settings.getDuration("retry-cap", RETRY_CAP),
                settings.getDuration("keepalive", KEEPALIVE),
                settings.getDuration("status-interval", STATUS_INTERVAL));
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }
}
