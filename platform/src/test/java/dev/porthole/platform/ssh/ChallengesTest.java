package dev.porthole.platform.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.ssh.Challenge;
import dev.porthole.api.ssh.SshException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pending challenge is taken once, by its own user, before it expires. */
class ChallengesTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final Challenges challenges = new Challenges(clock);

    private Challenge open(String id, long userId, Duration lifetime) {
        Challenge challenge = new Challenge(
                id,
                Challenge.Kind.TOTP,
                7,
                List.of(new Challenge.Prompt("Verification code: ", false)),
                "",
                Optional.empty(),
                Optional.empty(),
                clock.instant().plus(lifetime));
        assertThat(challenges.tryOpen(challenge, new Login(new ConnectionPool.PoolKey(7, "totp", "hash"), userId)))
                .isPresent();
        return challenge;
    }

    @Test
    void its_user_takes_it_once_before_it_expires() {
        open("c1", 1, Duration.ofMinutes(3));
        clock.advance(Duration.ofMinutes(2).plusSeconds(59));

        assertThat(challenges.take(1, "c1").challenge().id()).isEqualTo("c1");
        assertExpired(1, "c1");
    }

    @Test
    void after_its_time_limit_it_is_expired_even_for_its_user() {
        open("c2", 1, Duration.ofMinutes(3));
        clock.advance(Duration.ofMinutes(3));

        assertExpired(1, "c2");
    }

    @Test
    void another_user_cannot_take_it_and_it_stays_for_its_own_user() {
        open("c3", 1, Duration.ofMinutes(5));

        assertExpired(2, "c3");
        assertThat(challenges.take(1, "c3").challenge().id()).isEqualTo("c3");
    }

    @Test
    void no_more_than_half_the_ssh_io_threads_wait_for_people_and_expired_waits_make_room() {
        for (int i = 0; i < Challenges.MAX_WAITING; i++) {
            open("w" + i, 1, Duration.ofMinutes(3));
        }
        Challenge onMore = new Challenge(
                "one-more",
                Challenge.Kind.TOTP,
                7,
                List.of(new Challenge.Prompt("Verification code: ", false)),
                "",
                Optional.empty(),
                Optional.empty(),
                clock.instant().plus(Duration.ofMinutes(3)));
        Login login = new Login(new ConnectionPool.PoolKey(7, "totp", "hash"), 1);

        assertThat(Challenges.MAX_WAITING).isLessThan(SshClientFactory.IO_THREADS);
        assertThat(challenges.tryOpen(onMore, login)).isEmpty();
        clock.advance(Duration.ofMinutes(3));
        assertThat(challenges.tryOpen(onMore, login)).isPresent();
    }

    private void assertExpired(long userId, String id) {
        assertThatThrownBy(() -> challenges.take(userId, id))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.code()).isEqualTo(SshException.Code.CHALLENGE_EXPIRED));
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
