package dev.porthole.plugins.tunnels.run;

import java.util.Locale;

/** Which way a tunnel carries connections, as the inventory and spec 001 spell it. */
public enum Mode {
    LOCAL,
    REMOTE,
    DYNAMIC;

    public static Mode of(String text) {
        return Mode.valueOf(text.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
