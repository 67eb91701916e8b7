package dev.porthole.api.hosts;

import dev.porthole.api.Api;

/**
 * What a user may do with a host, each level including the ones before it: see it, use it (connect, run containers,
 * tunnels and metrics through it), manage its settings, own it. Admins own every host.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public enum HostAccess {
    VIEW,
    USE,
    MANAGE,
    OWNER
}
