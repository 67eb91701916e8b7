package dev.porthole.plugins.containers.spi;

import java.util.Locale;

/** A container's state as the API spells it in lower case. */
public enum ContainerState {
    RUNNING,
    STOPPED,
    PAUSED,
    RESTARTING,
    PENDING,
    FAILED,
    CREATED,
    EXITED;

    /** {@return the state as the API writes it: {@code running}, {@code exited}, ...} */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return whether the container's processes run (or are frozen): running, paused or restarting} */
    public boolean isUp() {
        return this == RUNNING || this == PAUSED || this == RESTARTING;
    }
}
