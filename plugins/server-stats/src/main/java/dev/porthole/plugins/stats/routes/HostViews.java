package dev.porthole.plugins.stats.routes;

import dev.porthole.api.Caller;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.HttpError;

/** Whether a caller may see a host, for routes that answer a host they cannot see exactly as one that does not exist. */
final class HostViews {
    private HostViews() {}

    static boolean canView(Hosts hosts, Caller caller, long hostId) {
        try {
            hosts.require(caller, hostId, HostAccess.VIEW);
            return true;
        } catch (HttpError e) {
            return false;
        }
    }
}
