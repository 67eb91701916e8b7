package dev.porthole.api.hosts;

import dev.porthole.api.Api;
import dev.porthole.api.Caller;
import java.util.List;

/** The host inventory, always through the caller's access. Blocking (database); call it from a handler or job. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface Hosts {
    /**
     * The host, when the caller holds at least {@code needed} on it. Throws {@link dev.porthole.api.http.HttpError}:
     * 404 for a host the caller cannot see (ids do not reveal other users' hosts), 403 for one they see but may not
     * use this way ({@code you have view access to host 12; this needs use}).
     *
     * @param caller the caller from the request
     * @param hostId the inventory id
     * @param needed the level the operation needs
     * @return the host, without secrets
     */
    Host require(Caller caller, long hostId, HostAccess needed);

    /**
     * Every host the caller can see.
     *
     * @param caller the caller from the request
     * @return the hosts, by id
     */
    List<Host> visibleTo(Caller caller);
}
