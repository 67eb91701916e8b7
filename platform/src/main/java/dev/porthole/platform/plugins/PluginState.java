package dev.porthole.platform.plugins;

/** Where an installed plugin stands. */
public enum PluginState {
    /** Started: its routes answer and its jobs run. */
    STARTED,
    /** Installed but switched off by an admin. */
    DISABLED,
    /** Enabled, but it could not be loaded or started; the reason says why. */
    FAILED
}
