package dev.porthole.plugins.tunnels.status;

import java.util.Locale;

/** Where a tunnel is, spelt as spec 001's clients (Termix) read the {@code status} field: lower case. */
public enum TunnelState {
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    FAILED,
    RETRYING,
    WAITING;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
