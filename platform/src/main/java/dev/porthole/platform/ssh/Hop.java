package dev.porthole.platform.ssh;

import dev.porthole.platform.hosts.SshEndpoint;
import io.micronaut.core.annotation.Nullable;
import java.security.KeyPair;

/**
 * One SSH server on the way to a target: a jump host or the target itself, with the credentials to log in to it.
 *
 * @param key the parsed private key, when the endpoint has one
 */
record Hop(SshEndpoint endpoint, @Nullable KeyPair key) {
    long hostId() {
        return endpoint.hostId();
    }

    @Override
    public String toString() {
        return "Hop[" + endpoint + "]";
    }
}
