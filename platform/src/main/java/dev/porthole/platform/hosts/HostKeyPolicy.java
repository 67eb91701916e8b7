package dev.porthole.platform.hosts;

import java.util.Locale;

/**
 * What an SSH connection does with a host key it has never seen for this host: TOFU records it (trust on first use),
 * STRICT refuses it until an owner accepts it. A key that differs from the stored one is refused under both.
 */
public enum HostKeyPolicy {
    TOFU,
    STRICT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HostKeyPolicy ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
