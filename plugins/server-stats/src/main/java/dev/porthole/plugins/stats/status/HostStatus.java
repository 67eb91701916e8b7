package dev.porthole.plugins.stats.status;

import java.time.Instant;

/**
 * A host's status as spec 002 answers it.
 *
 * @param status {@code online} when its SSH server answered the last check, else {@code offline}
 * @param lastChecked when that check ended
 */
public record HostStatus(String status, Instant lastChecked) {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    public boolean online() {
        return ONLINE.equals(status);
    }
}
