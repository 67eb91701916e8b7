package dev.porthole.platform.ssh;

import dev.porthole.api.Caller;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.ssh.ConnectOptions;
import dev.porthole.api.ssh.SshBanner;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.platform.auth.ApiCaller;
import dev.porthole.platform.config.SshConfiguration;
import dev.porthole.platform.hosts.PluginHosts;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.sshd.client.session.ClientSession;

/**
 * The SSH layer as plugins see it: targets checked against the caller's access (USE), connections from the pool,
 * challenges answered by the user who started them.
 */
@Singleton
public class DefaultSshConnections implements SshConnections {
    private final PluginHosts hosts;
    private final ConnectPlans plans;
    private final Connector connector;
    private final ConnectionPool pool;
    private final Challenges challenges;
    private final SshConfiguration config;
    private final Exec exec;

    DefaultSshConnections(
            PluginHosts hosts,
            ConnectPlans plans,
            Connector connector,
            ConnectionPool pool,
            Challenges challenges,
            SshConfiguration config) {
        this.hosts = hosts;
        this.plans = plans;
        this.connector = connector;
        this.pool = pool;
        this.challenges = challenges;
        this.config = config;
        this.exec = new Exec(config);
    }

    @Override
    public SshTarget target(Caller caller, long hostId, ConnectOptions overrides) {
        Objects.requireNonNull(overrides, "overrides");
        hosts.require(caller, hostId, HostAccess.USE);
        if (overrides.jumpHostId().isPresent()) {
            hosts.require(caller, overrides.jumpHostId().getAsLong(), HostAccess.USE);
        }
        return new HostSshTarget(
                this, plans.plan(hostId, overrides), ApiCaller.unwrap(caller).userId());
    }

    @Override
    public void answer(Caller caller, String challengeId, List<String> answers) {
        var hostCaller = ApiCaller.unwrap(caller);
        Challenges.Pending pending = challenges.take(hostCaller.userId(), challengeId);
        int expected = pending.challenge().prompts().size();
        if (answers == null || answers.size() != expected || answers.stream().anyMatch(Objects::isNull)) {
            // the challenge stays answerable: put it back for a correct call
            challenges.open(pending.challenge(), pending.login(), pending.answers());
            throw HttpError.badField("answers", "give exactly " + expected + " answer(s), one per prompt");
        }
        pending.answers().complete(List.copyOf(answers));
        ClientSession session = pending.login().await(config.authTimeout());
        pool.adopt(pending.login().poolKey(), hostCaller.userId(), session);
    }

    /** A lease on a pooled connection; {@code newLog} gives the log of a connection opened for it. */
    ConnectionPool.Lease lease(
            ConnectPlan plan, long userId, Supplier<ConnectionLog> newLog, ConnectionPool.Slot kind) {
        return pool.acquire(
                plan.poolKey(),
                userId,
                () -> connector.open(plan, userId, newLog.get(), true),
                connector.budget(plan),
                kind);
    }

    /** Checks that the plan's target answers as an SSH server, without logging in to it (see {@link BannerProbe}). */
    SshBanner ping(ConnectPlan plan, long userId, ConnectionLog log) {
        return connector.ping(plan, userId, log);
    }

    /** Closes the plan's pooled connections that no operation holds; {@return how many} */
    int closeIdle(ConnectPlan plan) {
        return pool.evictIdle(plan.poolKey());
    }

    /** Open connections for a host's stored credentials, for tests and diagnostics. */
    int connectionCount(long hostId) {
        return pool.size(plans.plan(hostId, ConnectOptions.NONE).poolKey());
    }

    Exec exec() {
        return exec;
    }

    SshConfiguration configuration() {
        return config;
    }
}
