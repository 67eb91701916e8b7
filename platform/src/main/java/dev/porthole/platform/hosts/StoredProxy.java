package dev.porthole.platform.hosts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A proxy of the chain as stored in {@code hosts.proxies_json}: its password sealed like every other secret. */
@Serdeable
record StoredProxy(
        String host,
        int port,
        @Nullable String username,
        @Nullable String passwordSealed) {
    boolean sameEndpoint(HostInput.ProxyInput input) {
        return host.equals(input.host())
                && port == input.port()
                && java.util.Objects.equals(username, input.username());
    }
}
