package dev.porthole.platform.ssh;

import java.net.SocketAddress;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * The client's only host-key verifier: each session carries the {@link HostKeyCheck} of the inventory host it
 * reaches (target or jump host) in its connection context. A session without one was not made by the
 * {@link Connector} and is refused, so no path through the client ever accepts an unchecked key.
 */
final class DatabaseServerKeyVerifier implements ServerKeyVerifier {

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        HostKeyCheck check = session.getConnectionContext() == null
                ? null
                : session.getConnectionContext().getAttribute(HostKeyCheck.ATTRIBUTE);
        return check != null && check.accept(OfferedKey.of(serverKey));
    }
}
