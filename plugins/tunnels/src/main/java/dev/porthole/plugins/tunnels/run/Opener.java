package dev.porthole.plugins.tunnels.run;

import dev.porthole.api.ssh.ConnectOptions;
import dev.porthole.api.ssh.Forward;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.ssh.SshTarget;
import java.util.List;

/**
 * Opens what a plan describes on the host's pooled SSH connections. A single-host tunnel is one forward of its mode on
 * the source host: {@code ssh -L}, {@code -R} or {@code -D}. A two-host tunnel reaches the endpoint's sshd through the
 * source (the source as its jump host) and joins two forwards over this server's loopback:
 *
 * <ul>
 *   <li>local: the source listens on {@code sourcePort}; its connections go to the endpoint's {@code
 *       127.0.0.1:endpointPort};
 *   <li>remote: the endpoint listens on {@code endpointPort}; its connections go to the source's {@code
 *       127.0.0.1:sourcePort};
 *   <li>dynamic: the source listens on {@code sourcePort} as a SOCKS5 proxy whose connections leave from the endpoint.
 * </ul>
 */
public final class Opener {
    private final SshConnections ssh;

    public Opener(SshConnections ssh) {
        this.ssh = ssh;
    }

    public Running open(TunnelPlan plan) {
        SshTarget source = ssh.target(plan.caller(), plan.source().id());
        int sourcePort = plan.definition().sourcePort();
        if (plan.endpoint().isEmpty()) {
            Forward forward =
                    switch (plan.mode()) {
                        case LOCAL ->
                            source.localForward(plan.bindHost(), sourcePort, plan.endpointHost(), plan.endpointPort());
                        case REMOTE ->
                            source.remoteForward(plan.bindHost(), sourcePort, plan.endpointHost(), plan.endpointPort());
                        case DYNAMIC -> source.dynamicForward(plan.bindHost(), sourcePort);
                    };
            String where = plan.mode() == Mode.REMOTE ? " on " + plan.source().name() : " on this server";
            return new Running(List.of(forward), plan.bindHost() + ":" + sourcePort + where);
        }
        SshTarget endpoint = ssh.target(
                plan.caller(),
                plan.endpoint().get().id(),
                ConnectOptions.NONE.withJumpHost(plan.source().id()));
        // the side that does not listen first, on an ephemeral loopback port of this server
        Forward inner =
                switch (plan.mode()) {
                    case LOCAL -> endpoint.localForward(Planner.LOOPBACK, 0, Planner.LOOPBACK, plan.endpointPort());
                    case REMOTE -> source.localForward(Planner.LOOPBACK, 0, Planner.LOOPBACK, sourcePort);
                    case DYNAMIC -> endpoint.dynamicForward(Planner.LOOPBACK, 0);
                };
        boolean endpointListens = plan.mode() == Mode.REMOTE;
        SshTarget listener = endpointListens ? endpoint : source;
        int listenPort = endpointListens ? plan.endpointPort() : sourcePort;
        String listenHost =
                endpointListens ? plan.endpoint().get().name() : plan.source().name();
        try {
            Forward outer = listener.remoteForward(
                    plan.bindHost(),
                    listenPort,
                    Planner.LOOPBACK,
                    inner.boundAddress().getPort());
            return new Running(List.of(outer, inner), plan.bindHost() + ":" + listenPort + " on " + listenHost);
        } catch (RuntimeException e) {
            inner.close();
            throw e;
        }
    }
}
