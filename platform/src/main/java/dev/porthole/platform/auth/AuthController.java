package dev.porthole.platform.auth;

import dev.porthole.platform.errors.ApiException;
import dev.porthole.platform.users.User;
import dev.porthole.platform.users.UserService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.Claims;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** Login, logout, who am I, and changing one's own password. */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthController {
    private final UserService users;
    private final SessionIssuer sessions;
    private final SessionState sessionState;
    private final LoginThrottle throttle;

    AuthController(UserService users, SessionIssuer sessions, SessionState sessionState, LoginThrottle throttle) {
        this.users = users;
        this.sessions = sessions;
        this.sessionState = sessionState;
        this.throttle = throttle;
    }

    @Serdeable
    record LoginRequest(@NotBlank String username, @NotBlank String password) {}

    @Serdeable
    record PasswordChange(
            @Nullable String currentPassword, @Nullable String newPassword) {}

    @Serdeable
    record Me(long id, String username, String role, String authenticatedBy, List<String> scopes) {}

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<LoginResponse> login(@Valid @Body LoginRequest body, HttpRequest<?> request) {
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        throttle.checkAllowed(body.username(), address);
        User user = users.authenticate(body.username(), body.password()).orElse(null);
        if (user == null) {
            throttle.failed(body.username(), address);
            throw new ApiException(io.micronaut.http.HttpStatus.UNAUTHORIZED, "wrong username or password");
        }
        throttle.succeeded(body.username());
        LoginResponse session = sessions.issue(user);
        return HttpResponse.ok(session).cookie(sessions.cookie(session));
    }

    /** Ends this login session for good (the token stops working at once) and clears the cookie. */
    @Post("/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<Void> logout(Authentication authentication) {
        Object jti = authentication.getAttributes().get(Claims.TOKEN_ID);
        if (jti != null) {
            Object expiry = authentication.getAttributes().get(Claims.EXPIRATION_TIME);
            sessionState.revoke(jti.toString(), sessions.expiryOf(expiry));
        }
        return HttpResponse.<Void>noContent().cookie(sessions.expiredCookie());
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Me me(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return new Me(
                caller.userId(),
                caller.username(),
                caller.role().name(),
                caller.tokenId() == null ? "session" : "token",
                caller.scopes());
    }

    /**
     * Changes the caller's password. Every session of theirs ends; this response carries the new one. API tokens
     * cannot do this: a leaked token must not be able to take over the account.
     */
    @Post("/password")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<LoginResponse> changePassword(@Body PasswordChange body, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.tokenId() != null) {
            throw ApiException.forbidden("an API token cannot change the account password; log in with the password");
        }
        User user = users.changeOwnPassword(caller.userId(), body.currentPassword(), body.newPassword());
        LoginResponse session = sessions.issue(user);
        return HttpResponse.ok(session).cookie(sessions.cookie(session));
    }
}
