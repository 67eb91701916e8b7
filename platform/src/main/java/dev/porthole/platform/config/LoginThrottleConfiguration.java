package dev.porthole.platform.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Brute-force protection for {@code POST /api/auth/login}.
 *
 * @param failuresPerUser failed logins allowed for one username per {@code window}, then it is locked out
 * @param failuresPerAddress failed logins allowed from one client address per {@code window}
 * @param window the period over which failures are counted and after which they are forgiven
 */
@ConfigurationProperties("porthole.login")
public record LoginThrottleConfiguration(
        @Bindable(defaultValue = "5") int failuresPerUser,
        @Bindable(defaultValue = "30") int failuresPerAddress,
        @Bindable(defaultValue = "15m") Duration window) {}
