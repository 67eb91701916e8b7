package dev.porthole.plugins.tunnels.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static Backoff with(double random) {
        return new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(10), () -> random);
    }

    @Test
    void the_first_wait_is_the_interval_and_each_next_one_doubles_up_to_the_cap() {
        Backoff none = with(0);
        assertThat(none.delay(1)).isEqualTo(Duration.ofMillis(1000));
        assertThat(none.delay(2)).isEqualTo(Duration.ofMillis(2000));
        assertThat(none.delay(3)).isEqualTo(Duration.ofMillis(4000));
        assertThat(none.delay(4)).isEqualTo(Duration.ofMillis(8000));
        assertThat(none.delay(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(none.delay(100)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitter_only_shortens_a_wait_by_at_most_a_fifth() {
        assertThat(with(1).delay(1)).isEqualTo(Duration.ofMillis(800));
        assertThat(with(0.5).delay(2)).isEqualTo(Duration.ofMillis(1800));
    }

    @Test
    void an_interval_longer_than_the_cap_is_kept() {
        Backoff slow = new Backoff(Duration.ofMinutes(20), Duration.ofMinutes(5), () -> 0);
        assertThat(slow.delay(1)).isEqualTo(Duration.ofMinutes(20));
        assertThat(slow.delay(3)).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void attempts_count_from_one() {
        assertThatThrownBy(() -> with(0).delay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
