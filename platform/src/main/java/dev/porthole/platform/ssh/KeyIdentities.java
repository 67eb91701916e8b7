package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.SshException;
import dev.porthole.platform.hosts.PrivateKeys;
import io.micronaut.core.annotation.Nullable;
import java.security.KeyPair;

/**
 * The key a login signs with. A key that does not parse is {@code INVALID_KEY}; one that is encrypted and whose
 * passphrase is missing or wrong is {@code BAD_PASSPHRASE}.
 */
final class KeyIdentities {
    private KeyIdentities() {}

    static KeyPair parse(String privateKey, @Nullable String passphrase) {
        try {
            return PrivateKeys.parse(privateKey, passphrase);
        } catch (PrivateKeys.UnreadableKeyException e) {
            throw switch (e.problem()) {
                case PASSPHRASE_MISSING ->
                    new SshException(
                            SshException.Code.BAD_PASSPHRASE,
                            "the private key is encrypted and no passphrase was given");
                case PASSPHRASE_WRONG ->
                    new SshException(
                            SshException.Code.BAD_PASSPHRASE, "the passphrase does not decrypt the private key");
                case NOT_A_KEY ->
                    new SshException(SshException.Code.INVALID_KEY, "the private key is not in OpenSSH or PEM format");
            };
        }
    }
}
