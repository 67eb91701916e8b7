package dev.porthole.platform.ssh;

import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/** A host key as a server offered it: its algorithm, OpenSSH fingerprint and authorized_keys line. */
record OfferedKey(String algorithm, String fingerprint, String publicKey) {

    static OfferedKey of(PublicKey key) {
        return new OfferedKey(KeyUtils.getKeyType(key), KeyUtils.getFingerPrint(key), PublicKeyEntry.toString(key));
    }
}
