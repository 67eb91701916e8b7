package dev.porthole.platform.hosts;

import java.util.Locale;

/**
 * What a user may do with a host, each level including the ones before it: VIEW its settings, USE it (connect,
 * run containers, tunnels and stats through it), MANAGE it (change its settings), OWNER (delete it, share it).
 * Admins hold OWNER on every host.
 */
public enum AccessLevel {
    VIEW,
    USE,
    MANAGE,
    OWNER;

    public boolean includes(AccessLevel other) {
        return compareTo(other) >= 0;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The levels a share can grant: view, use, manage. */
    static AccessLevel ofShare(String wire) {
        for (AccessLevel level : values()) {
            if (level != OWNER && level.wire().equals(wire)) {
                return level;
            }
        }
        return null;
    }
}
