package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.SshException;
import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Private keys in OpenSSH or PEM format (Ed25519, ECDSA, RSA), encrypted or not, parsed with MINA's loaders. A key
 * that does not parse is {@code INVALID_KEY}; one that is encrypted and whose passphrase is missing or wrong is
 * {@code BAD_PASSPHRASE}.
 */
final class KeyIdentities {
    private static final NamedResource RESOURCE = NamedResource.ofName("private key");

    private KeyIdentities() {}

    static KeyPair parse(String privateKey, @Nullable String passphrase) {
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
            if (encrypted.get()) {
                throw new SshException(
                        SshException.Code.BAD_PASSPHRASE,
                        passphrase == null || passphrase.isEmpty()
                                ? "the private key is encrypted and no passphrase was given"
                                : "the passphrase does not decrypt the private key");
            }
            throw new SshException(SshException.Code.INVALID_KEY, "the private key is not in OpenSSH or PEM format");
        }
        Iterator<KeyPair> found = keys == null ? null : keys.iterator();
        if (found == null || !found.hasNext()) {
            throw new SshException(SshException.Code.INVALID_KEY, "the private key is not in OpenSSH or PEM format");
        }
        return found.next();
    }
}
