package dev.porthole.platform.users;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.inject.Singleton;

/**
 * Argon2id (password4j) with OWASP's minimum: 19 MiB, 2 passes, 1 lane. Stored as a PHC string, so the parameters
 * travel with each hash and can be raised later without breaking old ones.
 */
@Singleton
public final class PasswordHasher {
    // Checked against when the username is unknown, so that a miss costs as much time as a wrong password.
    private volatile String decoy;

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(Argon2id.FUNCTION).getResult();
    }

    public boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time of one check without a user to check against. */
    public void spendDecoyCheck(String password) {
        if (decoy == null) {
            decoy = hash("decoy-password");
        }
        matches(password, decoy);
    }

    /**
     * The function holds its 19 MiB of blocks for as long as the JVM runs, so it is made by the first hash or check
     * (a login, a new user), not when the server starts (docs/performance.md).
     */
    private static final class Argon2id {
        static final Argon2Function FUNCTION = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    }
}
