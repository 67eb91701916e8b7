package dev.porthole.platform.auth;

import dev.porthole.platform.config.PortholeConfiguration;
import dev.porthole.platform.users.User;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Issues login sessions: a signed JWT, returned in the body and as the httpOnly {@code jwt} cookie. */
@Singleton
final class SessionIssuer {
    static final String COOKIE = "jwt";

    private final TokenGenerator tokens;
    private final PortholeConfiguration configuration;
    private final Clock clock;

    SessionIssuer(TokenGenerator tokens, PortholeConfiguration configuration, Clock clock) {
        this.tokens = tokens;
        this.configuration = configuration;
        this.clock = clock;
    }

    LoginResponse issue(User user) {
        Authentication authentication = Authentication.build(
                user.username(),
                List.of(user.role().name()),
                Map.of(Caller.USER_ID, user.id(), Caller.SESSION_EPOCH, user.sessionEpoch()));
        int ttl = (int) configuration.sessionTtl().toSeconds();
        String jwt = tokens.generateToken(authentication, ttl)
                .orElseThrow(() -> new IllegalStateException("the JWT generator produced no token"));
        return new LoginResponse(
                jwt, "Bearer", ttl, user.username(), user.role().name());
    }

    /**
     * When a session whose {@code exp} claim is given ends. Without a readable claim, the longest a session of ours
     * can live from now is a safe bound for keeping its revocation.
     */
    Instant expiryOf(Object expClaim) {
        if (expClaim instanceof Date date) {
            return date.toInstant();
        }
        if (expClaim instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return clock.instant().plus(configuration.sessionTtl());
    }

    Cookie cookie(LoginResponse session) {
        return base(Cookie.of(COOKIE, session.accessToken())).maxAge(session.expiresIn());
    }

    Cookie expiredCookie() {
        return base(Cookie.of(COOKIE, "")).maxAge(0);
    }

    private Cookie base(Cookie cookie) {
        return cookie.httpOnly(true).sameSite(SameSite.Lax).path("/").secure(configuration.cookieSecure());
    }
}
