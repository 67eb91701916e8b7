package dev.porthole.platform.auth;

import io.micronaut.security.token.claims.JtiGenerator;
import jakarta.inject.Singleton;
import java.util.UUID;

/** Gives every session JWT an id ({@code jti}), so that one session can be logged out without ending the others. */
@Singleton
final class SessionIdGenerator implements JtiGenerator {
    @Override
    public String generateJtiClaim() {
        return UUID.randomUUID().toString();
    }
}
