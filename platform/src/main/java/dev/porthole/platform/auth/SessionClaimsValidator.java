package dev.porthole.platform.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/** A correctly signed, unexpired JWT is accepted only while {@link SessionState} says its session still holds. */
@Singleton
final class SessionClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private final SessionState sessions;

    SessionClaimsValidator(SessionState sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        if (!(claims.get(Caller.USER_ID) instanceof Number userId)
                || !(claims.get(Caller.SESSION_EPOCH) instanceof Number epoch)) {
            return false;
        }
        Object jti = claims.get(Claims.TOKEN_ID);
        return sessions.isValid(userId.longValue(), epoch.intValue(), jti == null ? null : jti.toString());
    }
}
