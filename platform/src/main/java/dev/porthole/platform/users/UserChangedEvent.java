package dev.porthole.platform.users;

import io.micronaut.core.annotation.Nullable;

/**
 * Published after a user is created, changed or deleted; {@code user} is null when the user with {@code userId} is
 * gone. Sessions listen to it to end those that no longer hold.
 */
public record UserChangedEvent(long userId, @Nullable User user) {}
