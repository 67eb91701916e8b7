package dev.porthole.platform.ssh;

import java.io.IOException;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientUserAuthService;
import org.apache.sshd.client.session.ClientUserAuthServiceFactory;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * Keeps the authentication methods a server offered (its answer to the client's first request) on the session, for
 * the connection test. MINA keeps them only inside its user-auth service, so this factory installs a service that
 * copies them out after each message.
 */
final class OfferedAuthMethods extends ClientUserAuthServiceFactory {
    static final AttributeKey<List<String>> ATTRIBUTE = new AttributeKey<>();

    static List<String> of(ClientSession session) {
        List<String> methods = session.getAttribute(ATTRIBUTE);
        return methods == null ? List.of() : methods;
    }

    @Override
    public Service create(Session session) throws IOException {
        return new ClientUserAuthService(session) {
            @Override
            public void process(int cmd, Buffer buffer) throws Exception {
                super.process(cmd, buffer);
                if (serverMethods != null) {
                    session.setAttribute(ATTRIBUTE, List.copyOf(serverMethods));
                }
            }
        };
    }
}
