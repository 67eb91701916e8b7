package dev.porthole.plugins.containers.spi;

/** A lifecycle action, as the API spells it in lower case. */
public enum ContainerAction {
    START,
    STOP,
    RESTART,
    PAUSE,
    UNPAUSE;

    /** {@return the action as in the API's paths: {@code start}, {@code stop}, ...} */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
