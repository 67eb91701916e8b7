package dev.porthole.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.porthole.platform.config.LoginThrottleConfiguration;
import dev.porthole.platform.errors.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Slows down password guessing (bucket4j): each failed login takes a token from the username's bucket and from the
 * client address's bucket; an empty bucket answers 429 with {@code Retry-After} until it refills. A successful login
 * refills the username's bucket.
 */
@Singleton
final class LoginThrottle {
    private final LoginThrottleConfiguration configuration;
    private final Cache<String, Bucket> byUsername;
    private final Cache<String, Bucket> byAddress;

    LoginThrottle(LoginThrottleConfiguration configuration) {
        this.configuration = configuration;
        this.byUsername = cache(configuration.window());
        this.byAddress = cache(configuration.window());
    }

    private static Cache<String, Bucket> cache(Duration window) {
        return Caffeine.newBuilder()
                .expireAfterAccess(window)
                .maximumSize(100_000)
                .build();
    }

    void checkAllowed(String username, String address) {
        Duration wait = max(waitFor(byUsername, username), waitFor(byAddress, address));
        if (!wait.isZero()) {
            throw ApiException.tooManyRequests(
                    "too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " s", wait);
        }
    }

    void failed(String username, String address) {
        bucket(byUsername, username, configuration.failuresPerUser()).tryConsume(1);
        bucket(byAddress, address, configuration.failuresPerAddress()).tryConsume(1);
    }

    void succeeded(String username) {
        byUsername.invalidate(username);
    }

    private static Duration waitFor(Cache<String, Bucket> buckets, String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    private Bucket bucket(Cache<String, Bucket> buckets, String key, int capacity) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity)
                        .refillGreedy(capacity, configuration.window())
                        .build())
                .build());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
