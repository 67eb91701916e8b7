package dev.porthole.plugins.containers.environments;

import dev.porthole.api.Caller;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.errors.ErrorCode;
import dev.porthole.plugins.containers.spi.ContainerRuntime;
import dev.porthole.plugins.containers.spi.EndpointSpec;
import dev.porthole.plugins.containers.spi.RuntimeEndpoint;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An environment's runtime endpoint. An environment on an inventory host is reached over the host's pooled SSH
 * connection, logged in as the host's owner (who shared it, or an admin who set the environment up, decides who
 * else may act; the login itself is the owner's). The SSH target is kept per environment revision, so the runtime sees
 * the same spec on every call and keeps its connection.
 */
public final class Endpoints {
    private final Runtimes runtimes;
    private final Hosts hosts;
    private final SshConnections ssh;
    private final Map<String, SshTarget> targets = new ConcurrentHashMap<>();

    public Endpoints(Runtimes runtimes, Hosts hosts, SshConnections ssh) {
        this.runtimes = runtimes;
        this.hosts = hosts;
        this.ssh = ssh;
    }

    /** @throws ContainerError {@code RUNTIME_UNAVAILABLE} when no running plugin offers the runtime, or the host is gone */
    public RuntimeEndpoint of(Environment environment) {
        return runtime(environment).endpoint(environment.connectionKey(), spec(environment));
    }

    public ContainerRuntime runtime(Environment environment) {
        return runtimes.find(environment.runtime())
                .orElseThrow(() -> new ContainerError(
                        ErrorCode.RUNTIME_UNAVAILABLE,
                        "the " + environment.runtime() + " runtime of environment '" + environment.name()
                                + "' is not available: no running plugin offers it"));
    }

    /** The environment changed or is gone: its runtime closes the connection of the old revision. */
    public void forget(Environment environment) {
        targets.remove(environment.connectionKey());
        runtimes.find(environment.runtime()).ifPresent(runtime -> runtime.forget(environment.connectionKey()));
    }

    private EndpointSpec spec(Environment environment) {
        Optional<SshTarget> target = environment
                .hostId()
                .map(hostId -> targets.computeIfAbsent(
                        environment.connectionKey(), key -> ssh.target(owner(environment, hostId), hostId)));
        return new EndpointSpec(environment.endpoint(), target);
    }

    private Caller owner(Environment environment, long hostId) {
        try {
            return hosts.ownerOf(hostId);
        } catch (RuntimeException gone) {
            throw new ContainerError(
                    ErrorCode.RUNTIME_UNAVAILABLE,
                    "host " + hostId + " of environment '" + environment.name() + "' is no longer in the inventory");
        }
    }
}
