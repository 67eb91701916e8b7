package dev.porthole.plugins.containers.permissions;

import dev.porthole.plugins.containers.environments.Environment;
import dev.porthole.plugins.containers.gate.Requester;

/**
 * Whether a requester may take an action in an environment. Admins and, when the admin allows it, local-network
 * callers may take every action but {@link Permission#REVEAL}; everyone else what was granted to them by name.
 */
public final class Grants {
    private final PermissionStore store;

    public Grants(PermissionStore store) {
        this.store = store;
    }

    public boolean allows(Requester requester, Environment environment, Permission permission) {
        if (permission != Permission.REVEAL && (requester.isAdmin() || requester.isLocalNetwork())) {
            return true;
        }
        return store.granted(environment.id(), requester.userId()).contains(permission);
    }
}
