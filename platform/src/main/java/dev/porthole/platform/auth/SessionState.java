package dev.porthole.platform.auth;

import dev.porthole.platform.users.User;
import dev.porthole.platform.users.UserChangedEvent;
import dev.porthole.platform.users.UserRepository;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PostConstruct;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What makes a signed session still valid beyond its signature and expiry: its user exists, is enabled and has not
 * changed password, role or state since (the session epoch), and the session was not logged out. Held in memory so
 * that checking a request never blocks the event loop; loaded at start-up and kept current by {@link
 * UserChangedEvent}s and logouts.
 */
@Context
public class SessionState implements ApplicationEventListener<UserChangedEvent> {
    private final UserRepository users;
    private final RevokedSessionRepository revocations;
    private final Clock clock;
    private final Map<Long, Integer> epochOfEnabledUser = new ConcurrentHashMap<>();
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    SessionState(UserRepository users, RevokedSessionRepository revocations, Clock clock) {
        this.users = users;
        this.revocations = revocations;
        this.clock = clock;
    }

    @PostConstruct
    void load() {
        users.findAll().forEach(this::remember);
        revocations.findByExpiresAtGreaterThan(clock.instant()).forEach(r -> revoked.put(r.jti(), r.expiresAt()));
    }

    boolean isValid(long userId, int epoch, String jti) {
        Integer current = epochOfEnabledUser.get(userId);
        return current != null && current == epoch && (jti == null || !revoked.containsKey(jti));
    }

    boolean isUserActive(long userId) {
        return epochOfEnabledUser.containsKey(userId);
    }

    /** Ends one session (logout) until the moment it would have expired anyway. Blocking: writes the database. */
    void revoke(String jti, Instant expiresAt) {
        revocations.save(new RevokedSession(jti, expiresAt));
        revoked.put(jti, expiresAt);
    }

    @Override
    public void onApplicationEvent(UserChangedEvent event) {
        if (event.user() == null) {
            epochOfEnabledUser.remove(event.userId());
        } else {
            remember(event.user());
        }
    }

    private void remember(User user) {
        if (user.enabled()) {
            epochOfEnabledUser.put(user.id(), user.sessionEpoch());
        } else {
            epochOfEnabledUser.remove(user.id());
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "1h")
    void forgetExpiredRevocations() {
        Instant now = clock.instant();
        revoked.values().removeIf(expiry -> expiry.isBefore(now));
        revocations.deleteByExpiresAtLessThan(now);
    }
}
