package dev.porthole.plugins.dockerssh.testing;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;

/** The TOTP code a test user's authenticator shows; here, not in the harness, which needs no TOTP library. */
public final class Totp {
    private Totp() {}

    /** RFC 6238 now: HMAC-SHA1, 30 s steps, 6 digits, as google-authenticator's PAM module checks it. */
    public static String now(String base32Secret) {
        try {
            return new DefaultCodeGenerator().generate(base32Secret, System.currentTimeMillis() / 1000 / 30);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("no TOTP code for the test secret", e);
        }
    }
}
