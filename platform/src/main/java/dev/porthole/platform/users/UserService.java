package dev.porthole.platform.users;

import dev.porthole.api.hosts.HostChange;
import dev.porthole.platform.errors.ApiException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users: who they are, how they prove it, and the rules that keep at least one admin able to log in. */
@Singleton
public class UserService {
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final ApplicationEventPublisher<UserChangedEvent> events;
    private final ApplicationEventPublisher<HostChange> hostChanges;
    private final Clock clock;

    public UserService(
            UserRepository users,
            PasswordHasher hasher,
            ApplicationEventPublisher<UserChangedEvent> events,
            ApplicationEventPublisher<HostChange> hostChanges,
            Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.events = events;
        this.hostChanges = hostChanges;
        this.clock = clock;
    }

    /** The enabled user with this username and password, or empty; takes the same time for an unknown username. */
    public Optional<User> authenticate(String username, String password) {
        Optional<User> user = users.findByUsername(username);
        if (user.isEmpty()) {
            hasher.spendDecoyCheck(password);
            return Optional.empty();
        }
        boolean matches = hasher.matches(password, user.get().passwordHash());
        return matches && user.get().enabled() ? user : Optional.empty();
    }

    @Transactional
    public User create(String username, String password, Role role) {
        Credentials.checkUsername("username", username);
        Credentials.checkPassword("password", password);
        if (users.existsByUsername(username)) {
            throw ApiException.conflict("a user named '" + username + "' already exists");
        }
        Instant now = clock.instant();
        User user = users.save(new User(null, username, hasher.hash(password), role, true, 0, now, now));
        events.publishEvent(new UserChangedEvent(user.id(), user));
        return user;
    }

    public List<User> list() {
        return users.listOrderById();
    }

    public User get(long id) {
        return users.findById(id).orElseThrow(() -> ApiException.notFound("no user with id " + id));
    }

    public Optional<User> findByUsername(String username) {
        return users.findByUsername(username);
    }

    /** An admin's change to a user; null fields stay as they are. */
    @Transactional
    public User update(long id, @Nullable String password, @Nullable Role role, @Nullable Boolean enabled) {
        User user = get(id);
        Instant now = clock.instant();
        User changed = user;
        if (password != null) {
            Credentials.checkPassword("password", password);
            changed = changed.withPasswordHash(hasher.hash(password), now);
        }
        if (role != null) {
            changed = changed.withRole(role, now);
        }
        if (enabled != null) {
            changed = changed.withEnabled(enabled, now);
        }
        if (user.isAdmin() && user.enabled() && !(changed.isAdmin() && changed.enabled())) {
            requireAnotherEnabledAdmin("demote or disable");
        }
        if (changed == user) {
            return user;
        }
        User saved = users.update(changed);
        events.publishEvent(new UserChangedEvent(saved.id(), saved));
        return saved;
    }

    /** A user's own password change: needs the current password, and ends every other session of theirs. */
    @Transactional
    public User changeOwnPassword(long id, String currentPassword, String newPassword) {
        User user = get(id);
        if (currentPassword == null || !hasher.matches(currentPassword, user.passwordHash())) {
            throw ApiException.invalidField("currentPassword", "does not match your current password");
        }
        Credentials.checkPassword("newPassword", newPassword);
        User saved = users.update(user.withPasswordHash(hasher.hash(newPassword), clock.instant()));
        events.publishEvent(new UserChangedEvent(saved.id(), saved));
        return saved;
    }

    @Transactional
    public void delete(long id, long callerId) {
        User user = get(id);
        if (id == callerId) {
            throw ApiException.conflict("you cannot delete your own account");
        }
        if (user.isAdmin() && user.enabled()) {
            requireAnotherEnabledAdmin("delete");
        }
        long hosts = users.countOwnedHosts(id);
        if (hosts > 0) {
            throw ApiException.conflict("user '" + user.username() + "' owns " + hosts
                    + " host(s); delete them first so that no credential is removed by surprise");
        }
        // the database drops the user's shares with the user (ON DELETE CASCADE): read them first to report them
        List<Long> sharedHosts = users.findSharedHostIds(id);
        users.deleteById(id);
        events.publishEvent(new UserChangedEvent(id, null));
        sharedHosts.forEach(hostId -> hostChanges.publishEvent(new HostChange(hostId, HostChange.Kind.SHARED)));
    }

    private void requireAnotherEnabledAdmin(String action) {
        if (users.countByRoleAndEnabled(Role.ADMIN, true) <= 1) {
            throw ApiException.conflict("cannot " + action + " the last enabled admin");
        }
    }
}
