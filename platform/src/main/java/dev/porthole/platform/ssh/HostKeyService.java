package dev.porthole.platform.ssh;

import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.ssh.ConnectOptions;
import dev.porthole.api.ssh.HostKeyRefusal;
import dev.porthole.api.ssh.SshException;
import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.errors.ApiException;
import dev.porthole.platform.hosts.HostKeyPolicy;
import dev.porthole.platform.hosts.HostService;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.apache.sshd.client.session.ClientSession;

/** The host-key API and the connection test, each checking the caller's access on the host first. */
@Singleton
class HostKeyService {
    private final HostService hosts;
    private final HostKeyStore keys;
    private final ConnectPlans plans;
    private final Connector connector;

    HostKeyService(HostService hosts, HostKeyStore keys, ConnectPlans plans, Connector connector) {
        this.hosts = hosts;
        this.keys = keys;
        this.plans = plans;
        this.connector = connector;
    }

    HostKeyView view(Caller caller, long hostId) {
        return view(hostId, hosts.requireHostKeyPolicy(caller, hostId, HostAccess.OWNER));
    }

    /** Stores the key the host offers now, in place of any other: an owner's decision after a reinstall. */
    HostKeyView accept(Caller caller, long hostId) {
        HostKeyPolicy policy = hosts.requireHostKeyPolicy(caller, hostId, HostAccess.OWNER);
        OfferedKey offered;
        try {
            offered = connector.probe(plans.plan(hostId, ConnectOptions.NONE), caller.userId(), new ConnectionLog());
        } catch (SshException e) {
            throw new ApiException(
                    HttpStatus.BAD_GATEWAY, "could not read the key of host " + hostId + ": " + e.getMessage());
        }
        keys.remember(hostId, offered);
        return view(hostId, policy);
    }

    void forget(Caller caller, long hostId) {
        hosts.require(caller, hostId, HostAccess.OWNER);
        keys.forget(hostId);
    }

    /**
     * Connects afresh (never from the pool), logs in and disconnects. A prompt that would need a person ends the
     * test with CHALLENGE_REQUIRED.
     */
    ConnectionTestResult test(Caller caller, long hostId) {
        hosts.require(caller, hostId, HostAccess.USE);
        ConnectionLog log = new ConnectionLog();
        ConnectPlan plan;
        try {
            plan = plans.plan(hostId, ConnectOptions.NONE);
        } catch (SshException e) {
            log.failed(ConnectionLog.Stage.AUTHENTICATION, hostId, System.nanoTime(), e);
            return result(log, hostId, e);
        }
        try {
            ClientSession session =
                    connector.open(plan, caller.userId(), log, false).await(connector.budget(plan));
            session.close(false);
            return result(log, hostId, null);
        } catch (SshException e) {
            return result(log, hostId, e);
        }
    }

    private ConnectionTestResult result(ConnectionLog log, long hostId, SshException failure) {
        ConnectionTestResult.HostKey hostKey = log.hostKey()
                .filter(k -> log.hostKeyOf() == hostId)
                .map(k -> new ConnectionTestResult.HostKey(k.algorithm(), k.fingerprint()))
                .orElse(null);
        ConnectionTestResult.Failure failed = null;
        if (failure != null) {
            ConnectionLog.Entry entry = log.failure();
            HostKeyRefusal refusal = failure.hostKey().orElse(null);
            failed = new ConnectionTestResult.Failure(
                    entry == null ? ConnectionLog.Stage.AUTHENTICATION.wire() : entry.stage(),
                    failure.code().name(),
                    failure.getMessage(),
                    refusal == null ? null : refusal.knownFingerprint().orElse(null),
                    refusal == null ? null : refusal.offeredFingerprint());
        }
        return new ConnectionTestResult(failure == null, log.entries(), hostKey, log.authMethods(), failed);
    }

    private HostKeyView view(long hostId, HostKeyPolicy policy) {
        String wire = policy.wire();
        return keys.find(hostId)
                .map(k -> new HostKeyView(
                        hostId, wire, true, k.algorithm(), k.fingerprint(), k.publicKey(), k.firstSeen()))
                .orElse(new HostKeyView(hostId, wire, false, null, null, null, null));
    }
}
