package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.HostKeyRefusal;
import dev.porthole.api.ssh.SshException;
import dev.porthole.platform.hosts.HostKeyPolicy;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;

/**
 * What one hop of a connection accepts as its server's key, decided before the handshake from the database (so that
 * no query runs on an SSH I/O thread) and consulted by {@link DatabaseServerKeyVerifier} during it.
 */
final class HostKeyCheck {
    /** Carries the check in the connection context of each hop's session. */
    static final AttributeKey<HostKeyCheck> ATTRIBUTE = new AttributeKey<>();

    /** How the offered key fared. */
    enum Verdict {
        /** Matches the stored key. */
        KNOWN,
        /** No key stored and the policy trusts on first use: to be recorded once the handshake is done. */
        FIRST_USE,
        /** Differs from the stored key: refused. */
        CHANGED,
        /** No key stored and the policy is strict: refused. */
        UNKNOWN,
        /** Only reading the key for an owner to accept: the handshake is stopped there. */
        PROBED
    }

    private final long hostId;
    private final HostKeyPolicy policy;
    private final Optional<HostKeyRow> known;
    private final boolean probe;
    private volatile OfferedKey offered;
    private volatile Verdict verdict;

    private HostKeyCheck(long hostId, HostKeyPolicy policy, Optional<HostKeyRow> known, boolean probe) {
        this.hostId = hostId;
        this.policy = policy;
        this.known = known;
        this.probe = probe;
    }

    static HostKeyCheck verify(long hostId, HostKeyPolicy policy, Optional<HostKeyRow> known) {
        return new HostKeyCheck(hostId, policy, known, false);
    }

    /** Reads the offered key and refuses to go on: nothing is ever authenticated on a probe. */
    static HostKeyCheck probe(long hostId) {
        return new HostKeyCheck(hostId, HostKeyPolicy.STRICT, Optional.empty(), true);
    }

    boolean accept(OfferedKey key) {
        offered = key;
        if (probe) {
            verdict = Verdict.PROBED;
        } else if (known.isPresent()) {
            verdict = known.get().publicKey().equals(key.publicKey()) ? Verdict.KNOWN : Verdict.CHANGED;
        } else {
            verdict = policy == HostKeyPolicy.TOFU ? Verdict.FIRST_USE : Verdict.UNKNOWN;
        }
        return verdict == Verdict.KNOWN || verdict == Verdict.FIRST_USE;
    }

    /** The same offered key judged again, against a key another connection stored for the host meanwhile. */
    HostKeyCheck against(HostKeyRow stored) {
        HostKeyCheck again = new HostKeyCheck(hostId, policy, Optional.of(stored), probe);
        again.accept(offered);
        return again;
    }

    Optional<OfferedKey> offered() {
        return Optional.ofNullable(offered);
    }

    Optional<Verdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    /** The refusal as plugins and the API see it, when the key was refused. */
    Optional<SshException> refusal() {
        OfferedKey key = offered;
        if (verdict == Verdict.CHANGED) {
            String old = known.orElseThrow().fingerprint();
            return Optional.of(SshException.hostKey(
                    SshException.Code.HOST_KEY_CHANGED,
                    "host " + hostId + " offered the key " + key.fingerprint() + " (" + key.algorithm()
                            + ") but is known by " + old + "; refused. If the change is expected, an owner accepts"
                            + " the new key (POST /api/hosts/" + hostId + "/host-key/accept)",
                    new HostKeyRefusal(hostId, key.algorithm(), key.fingerprint(), Optional.of(old))));
        }
        if (verdict == Verdict.UNKNOWN) {
            return Optional.of(SshException.hostKey(
                    SshException.Code.HOST_KEY_UNKNOWN,
                    "host " + hostId + " offered the key " + key.fingerprint() + " (" + key.algorithm()
                            + "), which is not known, and the host's policy is strict; an owner accepts it first"
                            + " (POST /api/hosts/" + hostId + "/host-key/accept)",
                    new HostKeyRefusal(hostId, key.algorithm(), key.fingerprint(), Optional.empty())));
        }
        return Optional.empty();
    }
}
