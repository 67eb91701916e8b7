package dev.porthole.api.events;

import dev.porthole.api.Api;
import java.util.Objects;
import java.util.Optional;

/** Which subscribers of a topic receive an event: everyone signed in, admins only, or one user. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public final class Audience {
    private static final Audience EVERYONE = new Audience(false, null);
    private static final Audience ADMINS = new Audience(true, null);

    private final boolean adminsOnly;
    private final Long userId;

    private Audience(boolean adminsOnly, Long userId) {
        this.adminsOnly = adminsOnly;
        this.userId = userId;
    }

    /** Every subscriber of the topic. */
    public static Audience everyone() {
        return EVERYONE;
    }

    /** Subscribers whose user is an admin. */
    public static Audience admins() {
        return ADMINS;
    }

    /** Subscribers signed in as this user (every session and token of theirs). */
    public static Audience user(long userId) {
        return new Audience(false, userId);
    }

    public boolean adminsOnly() {
        return adminsOnly;
    }

    public Optional<Long> userId() {
        return Optional.ofNullable(userId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Audience other && adminsOnly == other.adminsOnly && Objects.equals(userId, other.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(adminsOnly, userId);
    }

    @Override
    public String toString() {
        return adminsOnly ? "admins" : userId == null ? "everyone" : "user " + userId;
    }
}
