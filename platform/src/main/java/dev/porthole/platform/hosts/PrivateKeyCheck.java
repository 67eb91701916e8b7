package dev.porthole.platform.hosts;

import dev.porthole.platform.errors.ApiException;

/** Proves a private key parses before it is stored, so a bad key is a 400 at once instead of a failed login later. */
final class PrivateKeyCheck {
    private PrivateKeyCheck() {}

    /** Throws a 400 naming the field at fault when the key does not parse with this passphrase. */
    static void check(String privateKey, String passphrase) {
        try {
            PrivateKeys.parse(privateKey, passphrase);
        } catch (PrivateKeys.UnreadableKeyException e) {
            throw switch (e.problem()) {
                case PASSPHRASE_MISSING ->
                    ApiException.invalidField("keyPassphrase", "is required: the private key is encrypted");
                case PASSPHRASE_WRONG -> ApiException.invalidField("keyPassphrase", "does not decrypt the private key");
                case NOT_A_KEY ->
                    ApiException.invalidField("privateKey", "is not a private key in OpenSSH or PEM format");
            };
        }
    }
}
