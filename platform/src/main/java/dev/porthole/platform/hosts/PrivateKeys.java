package dev.porthole.platform.hosts;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Private keys as MINA SSHD's parsers read them: OpenSSH and PEM; Ed25519, ECDSA, RSA; plain or encrypted
 * (bcrypt-pbkdf or PEM). One parser for the check before a key is stored and for the login that uses it.
 */
public final class PrivateKeys {
    private static final NamedResource RESOURCE = NamedResource.ofName("private key");

    private PrivateKeys() {}

    /** Why a key could not be read. */
    public enum Problem {
        NOT_A_KEY,
        PASSPHRASE_MISSING,
        PASSPHRASE_WRONG
    }

    /** A key that does not parse with the passphrase given. */
    public static final class UnreadableKeyException extends RuntimeException {
        private final Problem problem;

        UnreadableKeyException(Problem problem) {
            super(problem.name());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    public static KeyPair parse(String privateKey, String passphrase) {
        AtomicBoolean encrypted = new AtomicBoolean();
        FilePasswordProvider passphrases = (session, resource, retry) -> {
            encrypted.set(true);
            return passphrase;
        };
        Iterable<KeyPair> keys;
        try {
            keys = SecurityUtils.loadKeyPairIdentities(
                    null, RESOURCE, new ByteArrayInputStream(privateKey.getBytes(StandardCharsets.UTF_8)), passphrases);
        } catch (Exception e) {
            if (!encrypted.get()) {
                throw new UnreadableKeyException(Problem.NOT_A_KEY);
            }
            throw new UnreadableKeyException(
                    passphrase == null || passphrase.isEmpty() ? Problem.PASSPHRASE_MISSING : Problem.PASSPHRASE_WRONG);
        }
        Iterator<KeyPair> found = keys == null ? null : keys.iterator();
        if (found == null || !found.hasNext()) {
            throw new UnreadableKeyException(Problem.NOT_A_KEY);
        }
        return found.next();
    }
}
