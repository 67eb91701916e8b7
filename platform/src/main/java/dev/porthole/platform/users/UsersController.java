package dev.porthole.platform.users;

import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.auth.RequiresScope;
import dev.porthole.platform.errors.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Admins manage users. */
@Controller("/api/users")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
class UsersController {
    private final UserService users;

    UsersController(UserService users) {
        this.users = users;
    }

    @Serdeable
    record CreateUser(
            @Nullable String username,
            @Nullable String password,
            @Nullable String role) {}

    @Serdeable
    record UpdateUser(
            @Nullable String password,
            @Nullable String role,
            @Nullable Boolean enabled) {}

    @Serdeable
    record UserView(long id, String username, String role, boolean enabled, Instant createdAt, Instant updatedAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.username(), u.role().name(), u.enabled(), u.createdAt(), u.updatedAt());
        }
    }

    @Get
    @RequiresScope("read:users")
    List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @Post
    @RequiresScope("write:users")
    HttpResponse<UserView> create(@Body CreateUser body) {
        Role role = body.role() == null ? Role.USER : role(body.role());
        User user = users.create(body.username(), body.password(), role);
        return HttpResponse.created(UserView.of(user), URI.create("/api/users/" + user.id()));
    }

    @Get("/{id}")
    @RequiresScope("read:users")
    UserView get(@PathVariable @Positive long id) {
        return UserView.of(users.get(id));
    }

    /** Fields left out stay as they are. Any change ends the user's sessions. */
    @Patch("/{id}")
    @RequiresScope("write:users")
    UserView update(@PathVariable @Positive long id, @Body UpdateUser body, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (body.password() != null && caller.tokenId() != null && caller.userId() == id) {
            // same rule as /api/auth/password: a leaked token must not take over its own account
            throw ApiException.forbidden("an API token cannot change its own account's password");
        }
        return UserView.of(
                users.update(id, body.password(), body.role() == null ? null : role(body.role()), body.enabled()));
    }

    @Delete("/{id}")
    @RequiresScope("write:users")
    HttpResponse<Void> delete(@PathVariable @Positive long id, Authentication authentication) {
        users.delete(id, Caller.of(authentication).userId());
        return HttpResponse.noContent();
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("role", "must be ADMIN or USER");
        }
    }
}
