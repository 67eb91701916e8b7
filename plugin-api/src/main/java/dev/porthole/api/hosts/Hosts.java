package dev.porthole.api.hosts;

import dev.porthole.api.Api;
import dev.porthole.api.Caller;
import dev.porthole.api.Registration;
import java.util.List;
import java.util.function.Consumer;

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

    /**
     * The tunnels stored with a host, in their order, when the caller may at least view it (the same 404 and 403 as
     * {@link #require}).
     *
     * @param caller the caller from the request
     * @param hostId the inventory id
     * @return the host's tunnel definitions, possibly none
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    List<TunnelDefinition> tunnels(Caller caller, long hostId);

    /**
     * Every host of the inventory, each as its owner sees it, for work a plugin starts on its own (tunnels that come
     * up with the server), never to answer a request: a request's caller goes through {@link #visibleTo}.
     *
     * @return all hosts, by id
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    List<Host> all();

    /**
     * The owner of a host as a caller, for work a plugin starts on its own behalf of that owner (an auto-started
     * tunnel): what it does is checked against the owner's access, as if they had asked. Never for a request.
     *
     * @param hostId the inventory id
     * @return the owner, signed in with every scope
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    Caller ownerOf(long hostId);

    /**
     * Calls {@code listener} for every change to the inventory from now on: a host created, updated or deleted, or
     * someone's access to it changed ({@link HostChange.Kind}), so that work a plugin keeps per host (polling it, a
     * tunnel to it) follows an edited or deleted host at once, without polling the database.
     *
     * <p>A change is reported once, after it is committed: a lookup from the listener sees it, and a change that was
     * rolled back is never reported. Calls come one at a time on the plugin's {@link
     * dev.porthole.api.PluginContext#executor() executor} (never on a request or server thread, so the plugin's class
     * loader is the context class loader), for one host in the order its changes were committed. A listener that
     * throws is logged and keeps receiving. The change carries no host data: look the host up ({@link #all()},
     * {@link #require}); one deleted meanwhile is not found.
     *
     * <p>The host closes the registration when the plugin stops; after it is closed, no call starts.
     *
     * @param listener called with each change
     * @return the listener's registration; closing it stops the calls
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    Registration onChange(Consumer<HostChange> listener);
}
