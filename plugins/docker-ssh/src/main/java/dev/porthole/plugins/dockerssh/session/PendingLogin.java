package dev.porthole.plugins.dockerssh.session;

import dev.porthole.api.ssh.Challenge;
import dev.porthole.api.ssh.SshTarget;
import java.time.Instant;

/**
 * A connect that waits for a person: a TOTP code or a Warpgate approval, until the challenge's expiry.
 *
 * @param target the host as the caller asked for it, with their overrides; the session is built on it once answered
 */
record PendingLogin(long ownerId, SshTarget target, Challenge challenge) {
    boolean expired(Instant now) {
        return !now.isBefore(challenge.expiresAt());
    }
}
