package dev.porthole.platform.ssh;

import java.io.IOException;
import java.util.List;
import org.apache.sshd.client.ClientFactoryManager;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSessionImpl;
import org.apache.sshd.client.session.ClientUserAuthService;
import org.apache.sshd.client.session.ClientUserAuthServiceFactory;
import org.apache.sshd.client.session.SessionFactory;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * The client's user-auth service, with two changes to MINA's:
 *
 * <ul>
 *   <li>It keeps the authentication methods a server offered (its answer to the client's first request) on the
 *       session, for the connection test. MINA keeps them only inside its user-auth service, so this service copies
 *       them out after each message.
 *   <li>Its first request waits for the server's SSH_MSG_SERVICE_ACCEPT. MINA sends it right behind the
 *       SSH_MSG_SERVICE_REQUEST; OpenSSH's sshd writes with Nagle's algorithm before the login, so its answer to that
 *       request then waits until our kernel acknowledges the SERVICE_ACCEPT, and with nothing left to send the
 *       kernel delays that acknowledgement by up to 40 ms (Linux). Measured by bench/ssh.sh: about one login in
 *       three lost ~40 ms there. Sent after the accept, the request carries the acknowledgement itself. On a slow
 *       link nothing is lost either: the server's answer waited for that acknowledgement anyway.
 * </ul>
 *
 * {@link #sessionFactory} makes the sessions that tell the service about the accept.
 */
final class OfferedAuthMethods extends ClientUserAuthServiceFactory {
    static final AttributeKey<List<String>> ATTRIBUTE = new AttributeKey<>();

    static List<String> of(ClientSession session) {
        List<String> methods = session.getAttribute(ATTRIBUTE);
        return methods == null ? List.of() : methods;
    }

    @Override
    public Service create(Session session) throws IOException {
        return new AuthService(session);
    }

    /** Sessions that start the user-auth service only once the server accepted it. */
    static SessionFactory sessionFactory(ClientFactoryManager client) {
        return new AcceptAwareSessions(client);
    }

    private static final class AcceptAwareSessions extends SessionFactory {
        AcceptAwareSessions(ClientFactoryManager client) {
            super(client);
        }

        @Override
        protected ClientSessionImpl doCreateSession(IoSession ioSession) throws Exception {
            return new AcceptAwareSession(getClient(), ioSession);
        }
    }

    /** Tells its user-auth service when the server accepted it. */
    private static final class AcceptAwareSession extends ClientSessionImpl {
        AcceptAwareSession(ClientFactoryManager client, IoSession ioSession) throws Exception {
            super(client, ioSession);
        }

        @Override
        protected void handleServiceAccept(String serviceName, Buffer buffer) throws Exception {
            super.handleServiceAccept(serviceName, buffer);
            for (Service service : getServices()) {
                if (service instanceof AuthService auth) {
                    auth.accepted();
                }
            }
        }
    }

    private static final class AuthService extends ClientUserAuthService {
        private final Object startLock = new Object();
        private boolean requested;
        private boolean accepted;

        AuthService(Session session) {
            super(session);
        }

        /** MINA calls this when it sends the SERVICE_REQUEST; the first auth request waits for the accept too. */
        @Override
        public void start() {
            boolean go;
            synchronized (startLock) {
                requested = true;
                go = accepted;
            }
            if (go) {
                super.start();
            }
        }

        void accepted() {
            boolean go;
            synchronized (startLock) {
                go = requested && !accepted;
                accepted = true;
            }
            if (go) {
                super.start();
            }
        }

        @Override
        public void process(int cmd, Buffer buffer) throws Exception {
            super.process(cmd, buffer);
            if (serverMethods != null) {
                getSession().setAttribute(ATTRIBUTE, List.copyOf(serverMethods));
            }
        }
    }
}
