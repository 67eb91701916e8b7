package dev.porthole.api.hosts;

import dev.porthole.api.Api;
import java.util.Objects;

/**
 * That a host of the inventory changed, as {@link Hosts#onChange} reports it. It names the host and what happened, and
 * nothing else: no secret and no host data, so a listener looks the host up itself ({@link Hosts#all()}, {@link
 * Hosts#require}), and finds it as the change left it.
 *
 * @param hostId the inventory id
 * @param kind what happened to the host
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record HostChange(long hostId, Kind kind) {
    /**
     * Checks the values.
     *
     * @param hostId the inventory id
     * @param kind what happened
     */
    public HostChange {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * What happened to a host.
     *
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    public enum Kind {
        /** The host was added to the inventory. */
        CREATED,
        /** The host's settings were changed. */
        UPDATED,
        /** The host was removed from the inventory; a lookup finds it no more. */
        DELETED,
        /**
         * Someone's access to the host changed: a share was added, changed or removed, also by deleting the user it
         * was shared with. The change does not say whose.
         */
        SHARED
    }
}
