package dev.porthole.platform.ssh;

import dev.porthole.platform.config.SshConfiguration;
import dev.porthole.platform.threads.HostThreads;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.threads.SshThreadPoolExecutor;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.forward.AgentForwardingFilter;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.X11ForwardingFilter;

/** The host's one MINA SSH client. */
@Factory
class SshClientFactory {
    /** SHA-1 RSA signatures: OpenSSH refuses them, and so do we (RSA keys sign with rsa-sha2-256/512). */
    private static final Set<String> REFUSED_SIGNATURES = Set.of("ssh-rsa", "ssh-rsa-cert-v01@openssh.com");
    /**
     * Threads for SSH I/O. A login waiting for a person's answer holds one of them (MINA asks keyboard-interactive
     * questions on its I/O thread), so there are more than the cores.
     */
    static final int IO_THREADS = 16;

    @Singleton
    @Bean(preDestroy = "stop")
    SshClient sshClient(SshConfiguration config) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new DatabaseServerKeyVerifier());
        client.setKeyExchangeFactories(curve25519First(client.getKeyExchangeFactories()));
        client.setSignatureFactories(client.getSignatureFactories().stream()
                .filter(f -> !REFUSED_SIGNATURES.contains(f.getName()))
                .toList());
        // porthole.ssh.ciphers: only those, in that order (an unknown name fails the start); none named: MINA's,
        // AES-GCM first where the CPU has AES instructions
        client.setCipherFactories(CipherChoice.of(client.getCipherFactories(), config.ciphers()));
        client.setServiceFactories(List.of(new OfferedAuthMethods(), new ForwardedChannels.ServiceFactory()));
        // the first auth request waits for the server's service accept (a 40 ms stall otherwise, see there)
        client.setSessionFactory(OfferedAuthMethods.sessionFactory(client));
        // MINA starts its I/O and timer threads lazily, on whichever thread first needs one, often a plugin's
        client.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory(() -> new SshThreadPoolExecutor(
                IO_THREADS,
                IO_THREADS,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                HostThreads.daemon("ssh-io", true))));
        client.setScheduledExecutorService(
                Executors.newSingleThreadScheduledExecutor(HostThreads.daemon("ssh-timer", false)), true);
        // the server opens forwarded-tcpip channels for the remote forwards this client asked for, which MINA then
        // connects to the local address the client named; nothing else (agent, X11, direct channels) is accepted
        client.setForwardingFilter(ForwardingFilter.asForwardingFilter(
                AgentForwardingFilter.of(false), X11ForwardingFilter.of(false), new TcpForwardingFilter() {
                    @Override
                    public boolean canListen(SshdSocketAddress address, Session session) {
                        return false;
                    }

                    @Override
                    public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                        return type == Type.Forwarded;
                    }
                }));
        // each forward's traffic is counted where MINA hands its bytes between sockets and channels; the server's
        // forwarded-tcpip opens (remote forwards) stay the only channels it may open here, as in MINA's default
        client.setForwarderFactory(CountingForwarder::new);
        client.setChannelFactories(List.of(new ForwardedChannels.Factory()));
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        // keepalive@openssh.com with a reply wanted: three missed replies close the session, so that a dead
        // connection is noticed and the pool replaces it on next use
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, config.keepaliveInterval());
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
        // the pool closes idle connections itself; MINA's own idle limit must not cut a leased but quiet one
        CoreModuleProperties.IDLE_TIMEOUT.set(client, java.time.Duration.ZERO);
        client.start();
        return client;
    }

    /** A fast login: curve25519 is the quickest key exchange OpenSSH and MINA share (149 ms vs 291 ms measured). */
    private static List<KeyExchangeFactory> curve25519First(List<KeyExchangeFactory> factories) {
        List<KeyExchangeFactory> ordered = new ArrayList<>(factories);
        ordered.sort(Comparator.comparing(f -> f.getName().startsWith("curve25519-sha256") ? 0 : 1));
        return ordered;
    }
}
