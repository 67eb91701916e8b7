package dev.porthole.plugins.containers.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.test.MutableClock;
import dev.porthole.test.TestCaller;
import dev.porthole.test.TestRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock();
    private final RateLimiter limiter = new RateLimiter(clock);

    @Test
    void aRestedClientMayBurstTwentyRequestsAndNoMore() {
        for (int i = 0; i < 20; i++) {
            RateLimiter.Decision decision = limiter.tryAcquire("ip:203.0.113.7");
            assertThat(decision.allowed()).as("request %d", i + 1).isTrue();
            assertThat(decision.remaining()).isEqualTo(19 - i);
            assertThat(decision.retryAfterSeconds()).isZero();
        }
        assertThat(limiter.tryAcquire("ip:203.0.113.7")).isEqualTo(new RateLimiter.Decision(false, 2, 0));
    }

    @Test
    void oneTokenComesBackEveryTwoSeconds() {
        drain("k");
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire("k").retryAfterSeconds())
                .as("1.5 s to go, rounded up")
                .isEqualTo(2);
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire("k")).isEqualTo(new RateLimiter.Decision(false, 1, 0));
        clock.advance(Duration.ofMillis(999));
        assertThat(limiter.tryAcquire("k").allowed()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("k")).isEqualTo(new RateLimiter.Decision(true, 0, 0));
        assertThat(limiter.tryAcquire("k")).isEqualTo(new RateLimiter.Decision(false, 2, 0));
    }

    @Test
    void aClientGoesOnAtThirtyAMinute() {
        drain("k");
        int allowed = 0;
        for (int second = 0; second < 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            if (limiter.tryAcquire("k").allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(30);
    }

    @Test
    void fortySecondsFillTheBucketButNeverBeyondTwenty() {
        drain("k");
        clock.advance(Duration.ofSeconds(40));
        assertThat(drain("k")).isEqualTo(20);
        clock.advance(Duration.ofHours(3));
        assertThat(drain("k")).isEqualTo(20);
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        drain("ip:203.0.113.7");
        assertThat(limiter.tryAcquire("ip:203.0.113.7").allowed()).isFalse();
        RateLimiter.Decision other = limiter.tryAcquire("ip:203.0.113.8");
        assertThat(other.allowed()).isTrue();
        assertThat(other.remaining()).isEqualTo(19);
    }

    @Test
    void aSignedInUserIsOneKeyFromEveryAddress() {
        ClientAddresses addresses = new ClientAddresses(List.of());
        TestRequest fromHome =
                TestRequest.get("/api/v1/containers").from("203.0.113.7").as(TestCaller.user(7));
        TestRequest fromWork =
                TestRequest.get("/api/v1/containers").from("198.51.100.20").as(TestCaller.user(7));
        assertThat(RateLimiter.keyOf(fromHome, addresses)).isEqualTo("user:7");
        assertThat(RateLimiter.keyOf(fromWork, "198.51.100.20")).isEqualTo("user:7");
        assertThat(RateLimiter.keyOf(fromWork.as(TestCaller.user(8)), addresses))
                .isEqualTo("user:8");

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire(RateLimiter.keyOf(fromHome, addresses))
                            .allowed())
                    .isTrue();
            assertThat(limiter.tryAcquire(RateLimiter.keyOf(fromWork, addresses))
                            .allowed())
                    .isTrue();
        }
        assertThat(limiter.tryAcquire(RateLimiter.keyOf(fromWork, addresses)).allowed())
                .isFalse();
    }

    @Test
    void anAnonymousClientIsItsResolvedAddressAndCannotForgeAnother() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        TestRequest spoofed =
                TestRequest.get("/api/v1/containers").from("203.0.113.7").withHeader("X-Forwarded-For", "198.51.100.1");
        assertThat(RateLimiter.keyOf(spoofed, addresses)).isEqualTo("ip:203.0.113.7");
        TestRequest proxied = spoofed.from("10.0.0.2");
        assertThat(RateLimiter.keyOf(proxied, addresses)).isEqualTo("ip:198.51.100.1");
        assertThat(RateLimiter.keyOf(TestRequest.get("/").from("0:0:0:0:0:0:0:1"), addresses))
                .isEqualTo("ip:::1");
    }

    @Test
    void aKeyIdleUntilItsBucketIsFullIsForgotten() {
        limiter.tryAcquire("a");
        clock.advance(Duration.ofSeconds(30));
        limiter.tryAcquire("b");
        assertThat(limiter.trackedClients()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(9));
        assertThat(limiter.trackedClients()).as("a idle 39 s").isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.trackedClients())
                .as("a idle 40 s: its bucket is full")
                .isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(limiter.trackedClients()).isZero();
    }

    @Test
    void aRefusedClientIsStillActive() {
        drain("k");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(1));
            limiter.tryAcquire("k");
        }
        assertThat(limiter.trackedClients()).isEqualTo(1);
    }

    @Test
    void forgettingAKeyChangesNothingItCouldSee() {
        drain("k");
        clock.advance(Duration.ofSeconds(41));
        assertThat(limiter.trackedClients()).isZero();
        assertThat(drain("k")).isEqualTo(20);
    }

    @Test
    void theNumberOfClientsIsBounded() {
        RateLimiter small = new RateLimiter(clock, RateLimiter.Limit.DEFAULT, 10);
        for (int i = 0; i < 1_000; i++) {
            assertThat(small.tryAcquire("ip:198.51.100." + i).allowed()).isTrue();
        }
        assertThat(small.trackedClients()).isLessThanOrEqualTo(10);
    }

    @Test
    void theLimitIsConfigurable() {
        RateLimiter custom = new RateLimiter(5, 60, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(custom.tryAcquire("k").allowed()).isTrue();
        }
        assertThat(custom.tryAcquire("k")).isEqualTo(new RateLimiter.Decision(false, 1, 0));
        assertThat(custom.limit().fullRefill()).isEqualTo(Duration.ofSeconds(5));
        assertThat(custom.describe()).isEqualTo("60 requests per minute (bursts of 5)");

        RateLimiter slow = new RateLimiter(clock, new RateLimiter.Limit(1, 1, Duration.ofHours(1)), 10);
        assertThat(slow.tryAcquire("k").allowed()).isTrue();
        assertThat(slow.tryAcquire("k").retryAfterSeconds()).isEqualTo(3600);
    }

    @Test
    void theDefaultIsTheSpecsLimit() {
        assertThat(limiter.limit()).isEqualTo(new RateLimiter.Limit(20, 30, Duration.ofMinutes(1)));
        assertThat(limiter.limit().fullRefill()).isEqualTo(Duration.ofSeconds(40));
        assertThat(limiter.describe()).isEqualTo("30 requests per minute (bursts of 20)");
        assertThat(new RateLimiter.Limit(3, 7, Duration.ofSeconds(1)).fullRefill())
                .as("3/7 s, rounded up")
                .isEqualTo(Duration.ofNanos(428_571_429));
        assertThat(new RateLimiter.Limit(1, 2, Duration.ofSeconds(90)).describe())
                .isEqualTo("2 requests per 90 s (bursts of 1)");
    }

    @Test
    void aClockThatGoesBackGivesNoTokens() {
        drain("k");
        clock.advance(Duration.ofSeconds(-30));
        assertThat(limiter.tryAcquire("k").allowed()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(limiter.tryAcquire("k").allowed()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire("k").allowed()).isTrue();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RateLimiter.Limit(0, 30, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter.Limit(20, 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter.Limit(20, 30, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(clock, RateLimiter.Limit.DEFAULT, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter.Decision(false, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter.Decision(true, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Takes every token the key has now; returns how many. */
    private int drain(String key) {
        int allowed = 0;
        while (limiter.tryAcquire(key).allowed()) {
            allowed++;
            assertThat(allowed).as("a bucket never holds more than 20").isLessThanOrEqualTo(20);
        }
        return allowed;
    }
}
