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

    /** {@return every subscriber of the topic} */
    public static Audience everyone() {
        return EVERYONE;
    }

    /** {@return the subscribers whose user is an admin} */
    public static Audience admins() {
        return ADMINS;
    }

    /**
     * Subscribers signed in as this user (every session and token of theirs).
     *
     * @param userId the user's id, e.g. {@link dev.porthole.api.Caller#userId()}
     * @return the audience
     */
    public static Audience user(long userId) {
        return new Audience(false, userId);
    }

    /** {@return whether only admins receive the event} */
    public boolean adminsOnly() {
        return adminsOnly;
    }

    /** {@return the one user who receives the event, if only one does} */
    public Optional<Long> userId() {
        return Optional.ofNullable(userId);
    }

    /** Equal when both reach the same subscribers. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Audience other && adminsOnly == other.adminsOnly && Objects.equals(userId, other.userId);
    }

    /** Consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return Objects.hash(adminsOnly, userId);
    }

    /** {@return {@code everyone}, {@code admins} or {@code user 7}} */
    @Override
    public String toString() {
        return adminsOnly ? "admins" : userId == null ? "everyone" : "user " + userId;
    }
}
