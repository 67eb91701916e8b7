package dev.porthole.api.hosts;

import dev.porthole.api.Api;
import java.util.Locale;

/**
 * What a user may do with a host, each level including the ones before it: see it, use it (connect, run containers,
 * tunnels and metrics through it), manage its settings, own it. Admins own every host.
 *
 * <p>The HTTP API spells the levels in lower case, {@code view}, {@code use}, {@code manage} and {@code owner} (a
 * host's {@code access}, a share's {@code level}, the words of a 403); so does {@link #toString()}, and so does the JSON
 * the host writes for a plugin. Reading JSON into a plugin's record takes either case.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public enum HostAccess {
    /** Read the host's settings, never its secrets. */
    VIEW,
    /** What {@link #VIEW} may, and use the host: connect to it, or go through it as a jump host. */
    USE,
    /** What {@link #USE} may, and change the host's settings. */
    MANAGE,
    /** What {@link #MANAGE} may, and delete the host and share it. */
    OWNER;

    /**
     * Whether this level allows what {@code other} allows.
     *
     * @param other the level needed
     * @return true when this level is {@code other} or above it
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.STABLE)
    public boolean includes(HostAccess other) {
        return compareTo(other) >= 0;
    }

    /**
     * The level as the HTTP API spells it.
     *
     * @return {@code view}, {@code use}, {@code manage} or {@code owner}
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.STABLE)
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
