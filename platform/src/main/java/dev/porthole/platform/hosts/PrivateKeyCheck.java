package dev.porthole.platform.hosts;

import dev.porthole.platform.errors.ApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Proves a private key parses (MINA SSHD's parsers: OpenSSH and PEM; Ed25519, ECDSA, RSA; bcrypt-pbkdf or PEM
 * encryption) before it is stored, so a bad key is a 400 at once instead of a failed login later.
 */
final class PrivateKeyCheck {
    private static final NamedResource RESOURCE = NamedResource.ofName("privateKey");

    private PrivateKeyCheck() {}

    /** Throws a 400 naming the field at fault when the key does not parse with this passphrase. */
    static void check(String privateKey, String passphrase) {
        AtomicBoolean askedForPassphrase = new AtomicBoolean();
        FilePasswordProvider passphrases = (session, resource, retry) -> {
            askedForPassphrase.set(true);
            return passphrase;
        };
        Iterable<KeyPair> keys;
        try {
            keys = SecurityUtils.loadKeyPairIdentities(
                    null, RESOURCE, new ByteArrayInputStream(privateKey.getBytes(StandardCharsets.UTF_8)), passphrases);
        } catch (Exception e) {
            if (askedForPassphrase.get() && (passphrase == null || passphrase.isEmpty())) {
                throw ApiException.invalidField("keyPassphrase", "is required: the private key is encrypted");
            }
            if (askedForPassphrase.get()) {
                throw ApiException.invalidField("keyPassphrase", "does not decrypt the private key");
            }
            throw ApiException.invalidField("privateKey", "is not a private key in OpenSSH or PEM format");
        }
        if (keys == null || !keys.iterator().hasNext()) {
            throw ApiException.invalidField("privateKey", "is not a private key in OpenSSH or PEM format");
        }
    }
}
