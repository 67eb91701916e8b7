package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.SshBanner;
import dev.porthole.api.ssh.SshException;
import dev.porthole.platform.config.SshConfiguration;
import dev.porthole.platform.ssh.ConnectionLog.Stage;
import io.micronaut.context.BeanProvider;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens authenticated connections hop by hop: DNS, TCP, the handshake with the hop's host key checked against the
 * store, the login. A jump host's session carries the next hop's TCP through a loopback port forward, so that every
 * hop is a session of its own whose key is verified against its own inventory host. Runs on the blocking executor;
 * callers wait on the returned {@link Login}.
 */
@Singleton
class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    /**
     * MINA's client with BouncyCastle is about a thousand classes and a quarter of a second: made by the first
     * connection, not at start-up (docs/performance.md).
     */
    private final BeanProvider<SshClient> client;

    private final SshConfiguration config;
    private final HostKeyStore keys;
    private final Challenges challenges;
    private final Clock clock;
    private final ExecutorService executor;
    private final Socks5Tunnels socks5;

    Connector(
            BeanProvider<SshClient> client,
            SshConfiguration config,
            HostKeyStore keys,
            Challenges challenges,
            Clock clock,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor,
            Socks5Tunnels socks5) {
        this.client = client;
        this.config = config;
        this.keys = keys;
        this.challenges = challenges;
        this.clock = clock;
        this.executor = executor;
        this.socks5 = socks5;
    }

    /**
     * Starts connecting. {@code personPresent} says whether a prompt that needs a person may wait for an answer (a
     * request from a user) or ends the attempt (the connection test).
     */
    Login open(ConnectPlan plan, long userId, ConnectionLog log, boolean personPresent) {
        Login login = new Login(plan.poolKey(), userId);
        executor.execute(() -> run(plan, login, log, personPresent));
        return login;
    }

    /** How long a whole connect may take before its waiter gives up (a pending challenge interrupts the wait). */
    Duration budget(ConnectPlan plan) {
        return config.connectTimeout()
                .plus(config.authTimeout())
                .multipliedBy(plan.hops().size());
    }

    /**
     * Reads the key the target offers now, through its jump hosts (whose keys are verified as always), and stops
     * before any login: for an owner who accepts a new key.
     */
    OfferedKey probe(ConnectPlan plan, long userId, ConnectionLog log) {
        Login login = new Login(plan.poolKey(), userId);
        List<ClientSession> opened = new ArrayList<>();
        try {
            connectHops(plan, login, log, false, true, opened);
        } catch (SshException e) {
            // the probe's handshake is refused by design; the key it saw is what matters
        } finally {
            opened.forEach(s -> s.close(true));
        }
        return log.hostKey()
                .filter(k -> log.hostKeyOf() == plan.target().hostId())
                .orElseThrow(() -> {
                    ConnectionLog.Entry failure = log.failure();
                    return new SshException(
                            failure == null || failure.code() == null
                                    ? SshException.Code.UNREACHABLE
                                    : SshException.Code.valueOf(failure.code()),
                            failure == null ? "the host offered no key" : failure.message());
                });
    }

    private void run(ConnectPlan plan, Login login, ConnectionLog log, boolean personPresent) {
        List<ClientSession> opened = new ArrayList<>();
        try {
            ClientSession target = connectHops(plan, login, log, personPresent, false, opened);
            // closing the target closes the jump sessions (and their forwards) behind it
            List<ClientSession> jumps = List.copyOf(opened.subList(0, opened.size() - 1));
            target.addCloseFutureListener(f -> jumps.forEach(s -> s.close(false)));
            login.succeed(target);
        } catch (SshException e) {
            opened.forEach(s -> s.close(true));
            login.fail(e);
        } catch (RuntimeException e) {
            opened.forEach(s -> s.close(true));
            LOG.warn("connecting to host {} failed unexpectedly", plan.target().hostId(), e);
            login.fail(new SshException(SshException.Code.UNREACHABLE, "connecting failed: " + e.getMessage()));
        }
    }

    private ClientSession connectHops(
            ConnectPlan plan,
            Login login,
            ConnectionLog log,
            boolean personPresent,
            boolean probe,
            List<ClientSession> opened) {
        ClientSession previous = null;
        for (int i = 0; i < plan.hops().size(); i++) {
            Hop hop = plan.hops().get(i);
            boolean last = i == plan.hops().size() - 1;
            Socks5Tunnel tunnel = tunnelFor(plan, hop, previous, log);
            SocketAddress address = tunnel != null ? tunnel.address() : addressOf(hop, previous, log);
            HostKeyCheck check = probe && last
                    ? HostKeyCheck.probe(hop.hostId())
                    : HostKeyCheck.verify(hop.hostId(), hop.endpoint().hostKeyPolicy(), keys.find(hop.hostId()));
            ClientSession session;
            try {
                session = connect(hop, address, check, log);
            } catch (SshException e) {
                if (tunnel != null) {
                    tunnel.close();
                }
                throw e;
            }
            opened.add(session);
            if (tunnel != null) {
                session.addCloseFutureListener(f -> tunnel.close());
                admit(tunnel, session, hop, log);
            }
            handshake(session, hop, check, log);
            authenticate(session, hop, login, log, personPresent);
            previous = session;
        }
        return previous;
    }

    /** Proxies carry the first hop; later hops go through the jump host before them. */
    private Socks5Tunnel tunnelFor(ConnectPlan plan, Hop hop, ClientSession previous, ConnectionLog log) {
        return previous == null && !plan.proxies().isEmpty() ? throughProxies(plan, hop, log) : null;
    }

    private SocketAddress addressOf(Hop hop, ClientSession previous, ConnectionLog log) {
        return previous == null ? resolve(hop, log) : throughJump(previous, hop, log);
    }

    /**
     * Checks that the target's SSH server answers, quietly ({@link BannerProbe}): its jump hosts are connected to and
     * logged in to as for a connection, the target only probed.
     */
    SshBanner ping(ConnectPlan plan, long userId, ConnectionLog log) {
        long start = System.nanoTime();
        Login login = new Login(plan.poolKey(), userId);
        List<ClientSession> opened = new ArrayList<>();
        try {
            List<Hop> hops = plan.hops();
            ClientSession previous = null;
            if (hops.size() > 1) {
                previous = connectHops(
                        new ConnectPlan(hops.subList(0, hops.size() - 1), plan.proxies(), plan.credentialHash()),
                        login,
                        log,
                        false,
                        false,
                        opened);
            }
            Hop target = hops.get(hops.size() - 1);
            Socks5Tunnel tunnel = tunnelFor(plan, target, previous, log);
            try {
                // DNS, the proxies and the jump host's forward log their own failures
                SocketAddress address = tunnel != null ? tunnel.address() : addressOf(target, previous, log);
                long probeStart = System.nanoTime();
                String identification;
                try {
                    identification = BannerProbe.read(address, config.connectTimeout(), local -> {
                        if (tunnel != null) {
                            tunnel.admit(local, config.connectTimeout());
                        }
                    });
                } catch (SshException e) {
                    throw logged(log, Stage.TCP, target, probeStart, e);
                }
                log.ok(Stage.TCP, target.hostId(), probeStart, "the SSH server answers: " + identification);
                return new SshBanner(identification, Duration.ofNanos(System.nanoTime() - start));
            } finally {
                if (tunnel != null) {
                    tunnel.close();
                }
            }
        } finally {
            opened.forEach(s -> s.close(false));
        }
    }

    private SocketAddress resolve(Hop hop, ConnectionLog log) {
        long start = System.nanoTime();
        try {
            InetAddress address = InetAddress.getByName(hop.endpoint().address());
            log.ok(Stage.DNS, hop.hostId(), start, hop.endpoint().address() + " is " + address.getHostAddress());
            return new InetSocketAddress(address, hop.endpoint().port());
        } catch (UnknownHostException e) {
            throw logged(
                    log,
                    Stage.DNS,
                    hop,
                    start,
                    new SshException(
                            SshException.Code.DNS_FAILURE,
                            "the name " + hop.endpoint().address() + " does not resolve"));
        }
    }

    private Socks5Tunnel throughProxies(ConnectPlan plan, Hop hop, ConnectionLog log) {
        long start = System.nanoTime();
        try {
            return socks5.open(
                    plan.proxies(),
                    hop.endpoint().address(),
                    hop.endpoint().port(),
                    config.connectTimeout(),
                    (message, hopStart) -> log.ok(Stage.PROXY, hop.hostId(), hopStart, message));
        } catch (SshException e) {
            throw logged(log, Stage.PROXY, hop, start, e);
        }
    }

    private void admit(Socks5Tunnel tunnel, ClientSession session, Hop hop, ConnectionLog log) {
        long start = System.nanoTime();
        try {
            tunnel.admit(session.getIoSession().getLocalAddress(), config.connectTimeout());
        } catch (SshException e) {
            throw logged(log, Stage.PROXY, hop, start, e);
        }
    }

    private SocketAddress throughJump(ClientSession jump, Hop hop, ConnectionLog log) {
        long start = System.nanoTime();
        try {
            ExplicitPortForwardingTracker tracker = jump.createLocalPortForwardingTracker(
                    new SshdSocketAddress(SshdSocketAddress.LOCALHOST_IPV4, 0),
                    new SshdSocketAddress(
                            hop.endpoint().address(), hop.endpoint().port()));
            jump.addCloseFutureListener(f -> closeQuietly(tracker));
            log.ok(
                    Stage.TCP,
                    hop.hostId(),
                    start,
                    "through the jump host to " + hop.endpoint().address() + ":"
                            + hop.endpoint().port());
            return tracker.getBoundAddress().toInetSocketAddress();
        } catch (IOException e) {
            throw logged(
                    log,
                    Stage.TCP,
                    hop,
                    start,
                    new SshException(
                            SshException.Code.CHANNEL_FAILED, "the jump host refused to forward: " + e.getMessage()));
        }
    }

    private ClientSession connect(Hop hop, SocketAddress address, HostKeyCheck check, ConnectionLog log) {
        long start = System.nanoTime();
        try {
            ClientSession session = client.get()
                    .connect(
                            hop.endpoint().username(),
                            address,
                            AttributeRepository.ofKeyValuePair(HostKeyCheck.ATTRIBUTE, check),
                            null)
                    .verify(config.connectTimeout())
                    .getSession();
            log.ok(Stage.TCP, hop.hostId(), start, "connected to " + address);
            return session;
        } catch (IOException e) {
            SshException.Code code = isTimeout(e) ? SshException.Code.TIMEOUT : SshException.Code.UNREACHABLE;
            String message = code == SshException.Code.TIMEOUT
                    ? "no connection to " + address + " within " + config.connectTimeout()
                    : "cannot connect to " + address + ": " + rootMessage(e);
            throw logged(log, Stage.TCP, hop, start, new SshException(code, message));
        }
    }

    private void handshake(ClientSession session, Hop hop, HostKeyCheck check, ConnectionLog log) {
        long start = System.nanoTime();
        Set<ClientSessionEvent> state = session.waitFor(
                EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), config.connectTimeout());
        check.offered().ifPresent(key -> log.hostKey(hop.hostId(), key));
        if (check.verdict().isEmpty()) {
            SshException failure = state.contains(ClientSessionEvent.CLOSED)
                    ? new SshException(
                            SshException.Code.UNREACHABLE, "the server closed the connection in the handshake")
                    : new SshException(SshException.Code.TIMEOUT, "no handshake within " + config.connectTimeout());
            throw logged(log, Stage.HANDSHAKE, hop, start, failure);
        }
        log.ok(Stage.HANDSHAKE, hop.hostId(), start, "key exchange " + session.getKexNegotiationResult());
        long keyStart = System.nanoTime();
        OfferedKey key = check.offered().orElseThrow();
        switch (check.verdict().get()) {
            case KNOWN -> log.ok(Stage.HOST_KEY, hop.hostId(), keyStart, "known key " + key.fingerprint());
            case FIRST_USE -> {
                HostKeyCheck stored = check.against(keys.trustOnFirstUse(hop.hostId(), key));
                if (stored.verdict().orElseThrow() != HostKeyCheck.Verdict.KNOWN) {
                    throw logged(
                            log, Stage.HOST_KEY, hop, keyStart, stored.refusal().orElseThrow());
                }
                LOG.info("host {}: key {} {} trusted on first use", hop.hostId(), key.algorithm(), key.fingerprint());
                log.ok(
                        Stage.HOST_KEY,
                        hop.hostId(),
                        keyStart,
                        "trusted on first use: " + key.algorithm() + " " + key.fingerprint());
            }
            case PROBED ->
                throw logged(
                        log,
                        Stage.HOST_KEY,
                        hop,
                        keyStart,
                        new SshException(SshException.Code.HOST_KEY_UNKNOWN, "read the key " + key.fingerprint()));
            default ->
                throw logged(log, Stage.HOST_KEY, hop, keyStart, check.refusal().orElseThrow());
        }
    }

    private void authenticate(ClientSession session, Hop hop, Login login, ConnectionLog log, boolean personPresent) {
        long start = System.nanoTime();
        String password = hop.endpoint().password();
        if (password != null) {
            session.addPasswordIdentity(password);
        }
        if (hop.key() != null) {
            session.addPublicKeyIdentity(hop.key());
        }
        session.setUserInteraction(new ChallengeInteraction(
                login,
                challenges,
                hop.hostId(),
                password,
                config.challengeTimeout(),
                config.warpgateTimeout(),
                clock,
                personPresent,
                password == null
                        && Set.of("keyboard-interactive", "none")
                                .contains(hop.endpoint().authType())));
        try {
            AuthFuture auth = session.auth();
            // a pending challenge holds the login open for up to its own limit
            Duration limit = config.authTimeout()
                    .plus(personPresent ? config.warpgateTimeout().plus(config.challengeTimeout()) : Duration.ZERO);
            if (!auth.await(limit)) {
                throw new SshException(SshException.Code.TIMEOUT, "no login within " + config.authTimeout());
            }
            log.authMethods(OfferedAuthMethods.of(session));
            if (!auth.isSuccess()) {
                throw new SshException(
                        SshException.Code.AUTH_FAILED,
                        "the server refused the login of " + hop.endpoint().username() + " (it offers "
                                + String.join(", ", OfferedAuthMethods.of(session)) + ")");
            }
            log.ok(
                    Stage.AUTHENTICATION,
                    hop.hostId(),
                    start,
                    "logged in as " + hop.endpoint().username());
        } catch (IOException e) {
            throw logged(
                    log,
                    Stage.AUTHENTICATION,
                    hop,
                    start,
                    new SshException(SshException.Code.AUTH_FAILED, "the login failed: " + rootMessage(e)));
        } catch (SshException e) {
            throw logged(log, Stage.AUTHENTICATION, hop, start, e);
        }
    }

    private static SshException logged(ConnectionLog log, Stage stage, Hop hop, long start, SshException failure) {
        log.failed(stage, hop.hostId(), start, failure);
        return failure;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return false;
            }
        }
        String message = e.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("timeout");
    }

    /** The message of the innermost cause, or its type when it has none. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void closeQuietly(ExplicitPortForwardingTracker tracker) {
        try {
            tracker.close();
        } catch (IOException e) {
            LOG.debug("closing a jump forward failed", e);
        }
    }
}
